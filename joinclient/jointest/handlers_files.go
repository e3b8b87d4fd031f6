package jointest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/join-mcp/join-mcp/joinclient"
)

// Files. Every attachment has an id. Our decisions where JOIN is unknown:
//
//   - GET /attachments/{id} answers 302 to a pre-signed URL;
//   - GET /applicationFiles/{id} answers 200 JSON with the pre-signed url;
//   - the pre-signed URL (/files/{id}/{name}?expires=&signature=, outside
//     /v2) needs no Authorization, expires after Options.FileURLTTL, and
//     answers a bad or expired signature with 403 and an S3-style XML body,
//     the way a storage bucket does, so clients meet a non-JSON error.

func handleGetAttachment(c *call) {
	if !c.allowQuery() {
		return
	}
	f := c.file("attachmentId")
	if f == nil {
		return
	}
	c.w.Header().Set("Location", c.s.signedURL(f))
	c.w.WriteHeader(http.StatusFound)
}

type applicationFileJSON struct {
	ID            joinclient.ID `json:"id"`
	ApplicationID joinclient.ID `json:"applicationId"`
	Name          string        `json:"name"`
	Type          string        `json:"type"`
	ContentType   string        `json:"contentType"`
	Size          int           `json:"size"`
	URL           string        `json:"url"`
}

func handleGetApplicationFile(c *call) {
	if !c.allowQuery() {
		return
	}
	f := c.file("fileId")
	if f == nil {
		return
	}
	c.json(http.StatusOK, applicationFileJSON{
		ID: f.ID, ApplicationID: f.ApplicationID, Name: f.Name, Type: f.Type,
		ContentType: f.ContentType, Size: len(f.Data), URL: c.s.signedURL(f),
	})
}

// file returns a copy of the tenant's file named by the path parameter, or
// answers 404.
func (c *call) file(param string) *File {
	f, ok := c.st.File(c.id(param))
	if !ok {
		c.notFound(fmt.Sprintf("Attachment %d not found", c.id(param)))
		return nil
	}
	return &f
}

func (s *Server) signature(id joinclient.ID, name string, expires int64) string {
	m := hmac.New(sha256.New, s.signKey)
	fmt.Fprintf(m, "%d\n%s\n%d", id, name, expires)
	return hex.EncodeToString(m.Sum(nil))
}

// signedURL is a fresh pre-signed download URL for f.
func (s *Server) signedURL(f *File) string {
	expires := s.now().Add(s.opts.FileURLTTL).Unix()
	q := url.Values{}
	q.Set("expires", strconv.FormatInt(expires, 10))
	q.Set("signature", s.signature(f.ID, f.Name, expires))
	return fmt.Sprintf("%s%s%d/%s?%s", s.fileBase, filesPrefix, f.ID, url.PathEscape(f.Name), q.Encode())
}

// findFile looks a file up in every tenant: the URL carries no token, and
// ids never collide across tenants.
func (s *Server) findFile(id joinclient.ID) *File {
	s.mu.Lock()
	tenants := append([]*tenant(nil), s.tenantOrder...)
	s.mu.Unlock()
	for _, t := range tenants {
		if f, ok := t.store.File(id); ok {
			return &f
		}
	}
	return nil
}

func writeStorageError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>\n", code, html.EscapeString(msg))
}

// serveFile serves pre-signed downloads, on the API listener or on the
// separate file host. It logs to FileRequests, including whether an
// Authorization header arrived (it should not, on a foreign host).
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	entry := &Request{
		Time:     s.now(),
		Method:   r.Method,
		Path:     r.URL.Path,
		FullPath: r.URL.Path,
		Host:     r.Host,
		Query:    r.URL.Query(),
		Token:    r.Header.Get("Authorization"),
		Header:   r.Header.Clone(),
	}
	s.record(&s.fileLog, entry)
	sw := &statusWriter{ResponseWriter: w}
	defer func() { s.finish(entry, sw.status, "") }()
	if !s.sleep(r.Context(), s.currentLatency()) {
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeStorageError(sw, http.StatusMethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.")
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, filesPrefix)
	idText, name, _ := strings.Cut(rest, "/")
	n, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || name == "" {
		writeStorageError(sw, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
		return
	}
	id := joinclient.ID(n)
	q := r.URL.Query()
	expires, err := strconv.ParseInt(q.Get("expires"), 10, 64)
	if err != nil || !hmac.Equal([]byte(q.Get("signature")), []byte(s.signature(id, name, expires))) {
		writeStorageError(sw, http.StatusForbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
		return
	}
	if s.now().Unix() > expires {
		writeStorageError(sw, http.StatusForbidden, "AccessDenied", "Request has expired")
		return
	}
	f := s.findFile(id)
	if f == nil || f.Name != name {
		writeStorageError(sw, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
		return
	}
	sw.Header().Set("Content-Type", f.ContentType)
	sw.Header().Set("Content-Disposition", contentDisposition(f.Name))
	sw.Header().Set("Cache-Control", "private, max-age=0")
	// ServeContent adds Content-Length, Last-Modified and Range support.
	http.ServeContent(sw, r, "", f.CreatedAt, bytes.NewReader(f.Data))
}

// contentDisposition quotes an ASCII fallback name and adds the RFC 5987
// filename* form when the real name is not plain ASCII.
func contentDisposition(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			b.WriteByte('_')
			continue
		}
		b.WriteRune(r)
	}
	v := `attachment; filename="` + b.String() + `"`
	if b.String() != name {
		v += "; filename*=UTF-8''" + url.PathEscape(name)
	}
	return v
}
