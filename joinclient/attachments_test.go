package joinclient

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var pdf = []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")

// fileHost is a second server on another origin (pre-signed storage). It is
// TLS, because plain http to a foreign host is refused.
type fileHost struct {
	srv      *httptest.Server
	mux      *http.ServeMux
	requests atomic.Int64
	auth     atomic.Value // Authorization header of the last request
}

// setupWithFileHost returns the API fixture and a TLS file host the client
// trusts.
func setupWithFileHost(t *testing.T, opts ...Option) (*fixture, *fileHost) {
	t.Helper()
	fh := &fileHost{mux: http.NewServeMux()}
	fh.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fh.requests.Add(1)
		fh.auth.Store(r.Header.Get("Authorization"))
		fh.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(fh.srv.Close)
	// The TLS server's client trusts its certificate and still speaks plain
	// http to the API fixture.
	f := setup(t, append([]Option{WithHTTPClient(fh.srv.Client())}, opts...)...)
	return f, fh
}

// serveFile registers a download handler on the API mux that checks the token.
func (f *fixture) serveFile(t *testing.T, path string, h http.HandlerFunc) {
	f.mux.HandleFunc("/v2"+path, func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, http.MethodGet, r.Method)
		testHeaders(t, r)
		h(w, r)
	})
}

func servePDF(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/pdf")
	_, _ = w.Write(pdf)
}

func TestAttachmentsService_Get(t *testing.T) {
	f := setup(t)
	f.serveFile(t, "/attachments/5", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Disposition", `attachment; filename="Lebenslauf Jane.pdf"`)
		servePDF(w, r)
	})
	file, resp, err := f.client.Attachments.Get(context.Background(), 5)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, &File{ID: 5, Name: "Lebenslauf Jane.pdf", ContentType: "application/pdf", Size: int64(len(pdf)), Data: pdf}, file)
}

func TestAttachmentsService_GetApplicationFile(t *testing.T) {
	f := setup(t)
	f.serveFile(t, "/applicationFiles/9", func(w http.ResponseWriter, r *http.Request) {
		// RFC 5987 encoded name.
		w.Header().Set("Content-Disposition", `attachment; filename*=UTF-8''Anschreiben%20J%C3%BCrgen.pdf`)
		servePDF(w, r)
	})
	file, _, err := f.client.Attachments.GetApplicationFile(context.Background(), 9)
	require.NoError(t, err)
	assert.Equal(t, ID(9), file.ID)
	assert.Equal(t, "Anschreiben Jürgen.pdf", file.Name)
	assert.Equal(t, pdf, file.Data)
}

func TestAttachmentsService_Get_redirectSameHost(t *testing.T) {
	f := setup(t)
	f.serveFile(t, "/attachments/5", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/v2/files/cv.pdf?sig=abc", http.StatusFound)
	})
	f.serveFile(t, "/files/cv.pdf", func(w http.ResponseWriter, r *http.Request) {
		// testHeaders has checked the token is sent on the API host.
		assert.Equal(t, "abc", r.URL.Query().Get("sig"))
		servePDF(w, r)
	})
	file, _, err := f.client.Attachments.Get(context.Background(), 5)
	require.NoError(t, err)
	assert.Equal(t, "cv.pdf", file.Name, "name from the URL path")
	assert.Equal(t, pdf, file.Data)
	assert.Equal(t, int64(2), f.requests.Load())
}

func TestAttachmentsService_Get_redirectForeignHostGetsNoToken(t *testing.T) {
	f, fh := setupWithFileHost(t)
	f.serveFile(t, "/attachments/5", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, fh.srv.URL+"/bucket/cv.pdf?X-Signature=s3cr3t", http.StatusFound)
	})
	fh.mux.HandleFunc("/bucket/cv.pdf", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "s3cr3t", r.URL.Query().Get("X-Signature"))
		servePDF(w, r)
	})
	file, _, err := f.client.Attachments.Get(context.Background(), 5)
	require.NoError(t, err)
	assert.Equal(t, pdf, file.Data)
	assert.Equal(t, int64(1), fh.requests.Load())
	assert.Empty(t, fh.auth.Load(), "the JOIN token must not leave the API host")
}

func TestAttachmentsService_Get_redirectToPlainHTTPForeignHostRefused(t *testing.T) {
	f := setup(t)
	var foreignHits atomic.Int64
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { foreignHits.Add(1) }))
	defer foreign.Close()
	f.serveFile(t, "/attachments/5", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, foreign.URL+"/cv.pdf", http.StatusFound)
	})
	_, _, err := f.client.Attachments.Get(context.Background(), 5)
	requireArgError(t, err, "url")
	assert.Zero(t, foreignHits.Load())
}

func TestAttachmentsService_Get_jsonWithURL(t *testing.T) {
	f, fh := setupWithFileHost(t)
	f.serveFile(t, "/attachments/5", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"id": 5, "type": "CV", "name": "Jane Doe CV.pdf",
			"url": "`+fh.srv.URL+`/a/5?sig=1"}`)
	})
	fh.mux.HandleFunc("/a/5", func(w http.ResponseWriter, r *http.Request) {
		// Storage often says octet-stream; the type is then detected.
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(pdf)
	})
	file, _, err := f.client.Attachments.Get(context.Background(), 5)
	require.NoError(t, err)
	assert.Equal(t, &File{ID: 5, Name: "Jane Doe CV.pdf", Type: "CV", ContentType: "application/pdf", Size: int64(len(pdf)), Data: pdf}, file)
	assert.Empty(t, fh.auth.Load())
}

func TestAttachmentsService_Get_jsonProblems(t *testing.T) {
	f := setup(t)
	f.serveFile(t, "/attachments/1", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"id": 1, "name": "cv.pdf"}`)
	})
	f.serveFile(t, "/attachments/2", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"url": "http://files.example.com/cv.pdf"}`)
	})
	f.serveFile(t, "/attachments/3", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusFound) // no Location
	})
	_, _, err := f.client.Attachments.Get(context.Background(), 1)
	assert.ErrorContains(t, err, "without a url")
	_, _, err = f.client.Attachments.Get(context.Background(), 2)
	requireArgError(t, err, "url")
	_, _, err = f.client.Attachments.Get(context.Background(), 3)
	assert.ErrorContains(t, err, "Location")
}

func TestAttachmentsService_contentTypeDetection(t *testing.T) {
	f := setup(t)
	f.serveFile(t, "/attachments/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(pdf)
	})
	f.serveFile(t, "/attachments/2", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no header at all
		_, _ = w.Write([]byte("plain notes"))
	})
	f.serveFile(t, "/attachments/3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		_, _ = w.Write([]byte("PK\x03\x04docx"))
	})
	tests := []struct {
		id   ID
		want string
	}{
		{1, "application/pdf"},
		{2, "text/plain; charset=utf-8"},
		{3, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}, // a server's own type is kept
	}
	for _, tt := range tests {
		file, _, err := f.client.Attachments.Get(context.Background(), tt.id)
		require.NoError(t, err)
		assert.Equal(t, tt.want, file.ContentType, "attachment %d", tt.id)
	}
}

func TestAttachmentsService_sizeCap(t *testing.T) {
	f, fh := setupWithFileHost(t, WithMaxDownloadSize(10))
	f.serveFile(t, "/attachments/10", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("0123456789"))
	})
	f.serveFile(t, "/attachments/11", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("0123456789A"))
	})
	f.serveFile(t, "/attachments/12", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, fh.srv.URL+"/big", http.StatusFound)
	})
	fh.mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("x", 1<<20)))
	})

	file, _, err := f.client.Attachments.Get(context.Background(), 10)
	require.NoError(t, err, "exactly the limit is fine")
	assert.Equal(t, int64(10), file.Size)

	for _, id := range []ID{11, 12} {
		file, _, err = f.client.Attachments.Get(context.Background(), id)
		assert.Nil(t, file)
		assert.ErrorIs(t, err, ErrTooLarge, "attachment %d", id)
	}
}

func TestAttachmentsService_tooManyRedirects(t *testing.T) {
	f := setup(t)
	f.serveFile(t, "/attachments/5", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	})
	_, _, err := f.client.Attachments.Get(context.Background(), 5)
	assert.ErrorContains(t, err, "redirects")
	assert.Equal(t, int64(maxHops+1), f.requests.Load())
}

func TestAttachmentsService_errors(t *testing.T) {
	f := setup(t)
	var n atomic.Int64
	f.serveFile(t, "/attachments/5", func(w http.ResponseWriter, r *http.Request) {
		joinError(w, http.StatusNotFound, "NOT_FOUND", "Attachment not found")
	})
	f.serveFile(t, "/attachments/6", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		servePDF(w, r)
	})
	_, _, err := f.client.Attachments.Get(context.Background(), 5)
	assert.True(t, IsNotFound(err))
	file, resp, err := f.client.Attachments.Get(context.Background(), 6)
	require.NoError(t, err, "a download is a GET and is retried")
	assert.Equal(t, pdf, file.Data)
	assert.Equal(t, 2, resp.Attempts)
}

func TestAttachmentsService_Download(t *testing.T) {
	f, fh := setupWithFileHost(t)
	fh.mux.HandleFunc("/a/cv.pdf", servePDF)
	f.serveFile(t, "/files/cl.pdf", servePDF)

	file, _, err := f.client.Attachments.Download(context.Background(), fh.srv.URL+"/a/cv.pdf?sig=1")
	require.NoError(t, err)
	assert.Equal(t, &File{Name: "cv.pdf", ContentType: "application/pdf", Size: int64(len(pdf)), Data: pdf}, file)
	assert.Empty(t, fh.auth.Load(), "no token to storage")

	// On the API's own origin the token is sent (checked by serveFile).
	file, _, err = f.client.Attachments.Download(context.Background(), f.server.URL+"/v2/files/cl.pdf")
	require.NoError(t, err)
	assert.Equal(t, "cl.pdf", file.Name)
}

func TestAttachmentsService_Download_foreignHTTPRefusedBeforeIO(t *testing.T) {
	f := setup(t)
	var hits atomic.Int64
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer foreign.Close()
	_, _, err := f.client.Attachments.Download(context.Background(), foreign.URL+"/cv.pdf")
	requireArgError(t, err, "url")
	assert.Zero(t, hits.Load())
	assert.Zero(t, f.requests.Load())
}

// A file name from the server must not carry a path: callers may save it.
func TestAttachmentsService_fileNameIsABaseName(t *testing.T) {
	f, fh := setupWithFileHost(t)
	f.serveFile(t, "/attachments/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Disposition", `attachment; filename="../../etc/passwd"`)
		servePDF(w, r)
	})
	f.serveFile(t, "/attachments/2", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"name": "..\\..\\boot.ini", "url": "`+fh.srv.URL+`/x"}`)
	})
	fh.mux.HandleFunc("/x", servePDF)
	fh.mux.HandleFunc("/", servePDF)

	file, _, err := f.client.Attachments.Get(context.Background(), 1)
	require.NoError(t, err)
	assert.Equal(t, "passwd", file.Name)
	file, _, err = f.client.Attachments.Get(context.Background(), 2)
	require.NoError(t, err)
	assert.Equal(t, "boot.ini", file.Name)
	file, _, err = f.client.Attachments.Download(context.Background(), fh.srv.URL)
	require.NoError(t, err)
	assert.Empty(t, file.Name, "a URL without a path gives no name (not \".\")")
}

func TestAttachmentsService_contextCancelled(t *testing.T) {
	f := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := f.client.Attachments.Get(ctx, 5)
	assert.True(t, errors.Is(err, context.Canceled))
	assert.Zero(t, f.requests.Load())
}

func TestWithMaxDownloadSize(t *testing.T) {
	// A huge cap must not overflow the read limit into "read nothing".
	f := setup(t, WithMaxDownloadSize(math.MaxInt64))
	f.serveFile(t, "/attachments/1", servePDF)
	file, _, err := f.client.Attachments.Get(context.Background(), 1)
	require.NoError(t, err)
	assert.Equal(t, pdf, file.Data)

	for _, bad := range []int64{0, -1} {
		_, err := New(testToken, WithMaxDownloadSize(bad))
		assert.Error(t, err, "%d", bad)
	}
}
