package joinclient

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testToken is the API token every test client sends.
const testToken = "tok-123"

// fixture is the go-github style test rig: a client pointed at an httptest
// server whose mux the test fills with handlers.
type fixture struct {
	client   *Client
	mux      *http.ServeMux
	server   *httptest.Server
	sleeps   *sleepRecorder
	requests atomic.Int64 // every request that reached the server
}

// sleepRecorder records the waits the client asked for without waiting.
type sleepRecorder struct {
	mu sync.Mutex
	ds []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.ds = append(s.ds, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.ds...)
}

// setup starts a server and a client for it. The client never sleeps, has no
// client-side rate limit and talks to srv.URL+"/v2"; opts are applied after
// those defaults so a test can override any of them.
func setup(t *testing.T, opts ...Option) *fixture {
	t.Helper()
	f := &fixture{mux: http.NewServeMux(), sleeps: &sleepRecorder{}}
	f.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.requests.Add(1)
		f.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.server.Close)
	f.client = newTestClient(t, f.server.URL+"/v2", f.sleeps, opts...)
	return f
}

func newTestClient(t *testing.T, baseURL string, rec *sleepRecorder, opts ...Option) *Client {
	t.Helper()
	all := append([]Option{WithBaseURL(baseURL), WithSleep(rec.sleep), WithRateLimit(0, 0)}, opts...)
	c, err := New(testToken, all...)
	require.NoError(t, err)
	return c
}

// handle registers h for path below the API root ("/jobs/7" → "/v2/jobs/7")
// and checks the method and the headers every JSON API call carries.
func (f *fixture) handle(t *testing.T, method, path string, h http.HandlerFunc) {
	t.Helper()
	f.mux.HandleFunc("/v2"+path, func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, method, r.Method, "method of %s", path)
		testHeaders(t, r)
		assert.Equal(t, "application/json", r.Header.Get("Accept"))
		h(w, r)
	})
}

// testHeaders checks auth and identification: the raw token (JOIN does not
// use "Bearer") and our User-Agent.
func testHeaders(t *testing.T, r *http.Request) {
	t.Helper()
	assert.Equal(t, testToken, r.Header.Get("Authorization"), "Authorization must be the raw token")
	assert.Equal(t, "join-mcp/"+Version, r.Header.Get("User-Agent"))
}

// testBody checks the request carries exactly this JSON body.
func testBody(t *testing.T, r *http.Request, want string) {
	t.Helper()
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	got, err := io.ReadAll(r.Body)
	assert.NoError(t, err)
	assert.JSONEq(t, want, string(got))
}

// testNoBody checks a request without a body, and without a Content-Type.
func testNoBody(t *testing.T, r *http.Request) {
	t.Helper()
	got, err := io.ReadAll(r.Body)
	assert.NoError(t, err)
	assert.Empty(t, got, "body")
	assert.Empty(t, r.Header.Get("Content-Type"), "Content-Type without a body")
}

// testQuery checks the query string is exactly want.
func testQuery(t *testing.T, r *http.Request, want url.Values) {
	t.Helper()
	if want == nil {
		want = url.Values{}
	}
	assert.Equal(t, want, r.URL.Query(), "query of %s", r.URL.Path)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// joinError writes JOIN's error shape.
func joinError(w http.ResponseWriter, status int, typ, msg string) {
	writeJSON(w, status, `{"error":{"type":"`+typ+`","message":"`+msg+`"}}`)
}

// requireArgError asserts err is an *ArgError about field.
func requireArgError(t *testing.T, err error, field string) {
	t.Helper()
	var ae *ArgError
	require.Error(t, err)
	require.True(t, errors.As(err, &ae), "want *ArgError, got %T: %v", err, err)
	assert.Equal(t, field, ae.Field, "ArgError.Field (%v)", err)
	assert.NotEmpty(t, ae.Problem)
	assert.True(t, IsArgError(err))
}

// requireAPIError asserts err is an *Error with this status.
func requireAPIError(t *testing.T, err error, status int) *Error {
	t.Helper()
	var e *Error
	require.Error(t, err)
	require.True(t, errors.As(err, &e), "want *Error, got %T: %v", err, err)
	require.Equal(t, status, e.StatusCode)
	return e
}

func ptr[T any](v T) *T { return &v }
