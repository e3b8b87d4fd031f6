package joinclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNew_requiresToken(t *testing.T) {
	for _, tok := range []string{"", "   ", "\t\n"} {
		c, err := New(tok)
		assert.Error(t, err, "%q", tok)
		assert.Nil(t, c)
	}
	c, err := New(testToken)
	require.NoError(t, err)
	assert.Equal(t, DefaultBaseURL, c.BaseURL())
	for _, svc := range []any{c.Jobs, c.Applications, c.Lookups, c.Offices, c.Candidates, c.Attachments} {
		assert.NotNil(t, svc)
	}
}

func TestWithBaseURL(t *testing.T) {
	for _, bad := range []string{"", "api.join.com/v2", "ftp://api.join.com/v2", "http://", "https:///v2", "://x", "/v2"} {
		_, err := New(testToken, WithBaseURL(bad))
		assert.Error(t, err, "%q", bad)
	}
	for in, want := range map[string]string{
		"https://api.join.com/v2":       "https://api.join.com/v2",
		"https://api.join.com/v2/":      "https://api.join.com/v2",
		"http://127.0.0.1:8080/v2//":    "http://127.0.0.1:8080/v2",
		"https://proxy.example.com":     "https://proxy.example.com",
		"https://proxy.example.com/x/y": "https://proxy.example.com/x/y",
	} {
		c, err := New(testToken, WithBaseURL(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, c.BaseURL(), in)
	}
}

func TestWithBaseURL_pathIsKept(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.Path)
		writeJSON(w, http.StatusOK, `[]`)
	}))
	defer srv.Close()
	c, err := New(testToken, WithBaseURL(srv.URL+"/proxy/join/v2/"), WithRateLimit(0, 0))
	require.NoError(t, err)
	_, _, err = c.Lookups.Categories(context.Background(), "en")
	require.NoError(t, err)
	assert.Equal(t, "/proxy/join/v2/categories", got.Load())
}

func TestWithHTTPClient_keepsRedirectsManual(t *testing.T) {
	var followed atomic.Int64
	mine := &http.Client{
		Timeout:       time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { followed.Add(1); return nil },
	}
	f := setup(t, WithHTTPClient(mine))
	var targetHits atomic.Int64
	f.mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) { targetHits.Add(1) })
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	})

	_, _, err := f.client.Jobs.Get(context.Background(), 7)
	requireAPIError(t, err, http.StatusFound)
	assert.Zero(t, targetHits.Load(), "a redirect on an API call is not followed")
	assert.Zero(t, followed.Load(), "the caller's CheckRedirect is not used")
	require.NotNil(t, mine.CheckRedirect, "the caller's client is not modified")
	assert.Equal(t, time.Minute, f.client.http.Timeout, "other settings are kept")

	_, err = New(testToken, WithHTTPClient(nil))
	assert.Error(t, err, "a nil client is refused, not a panic")
}

func TestNewRequest(t *testing.T) {
	c, err := New(testToken, WithBaseURL("https://api.join.com/v2"), WithUserAgent("my-agent/1"))
	require.NoError(t, err)

	req, err := c.NewRequest(context.Background(), http.MethodPost, "/jobs", url.Values{"b": {"2"}, "a": {"1"}}, map[string]int{"x": 1})
	require.NoError(t, err)
	assert.Equal(t, "https://api.join.com/v2/jobs?a=1&b=2", req.URL.String())
	assert.Equal(t, testToken, req.Header.Get("Authorization"))
	assert.Equal(t, "my-agent/1", req.Header.Get("User-Agent"))
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.Equal(t, "application/json", req.Header.Get("Accept"))
	require.NotNil(t, req.GetBody, "the body can be resent on a retry")
	body, err := req.GetBody()
	require.NoError(t, err)
	buf := make([]byte, 64)
	n, _ := body.Read(buf)
	assert.JSONEq(t, `{"x":1}`, string(buf[:n]))

	req, err = c.NewRequest(context.Background(), http.MethodGet, "/jobs/7", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "https://api.join.com/v2/jobs/7", req.URL.String())
	assert.Empty(t, req.Header.Get("Content-Type"))
	assert.Nil(t, req.Body)

	_, err = c.NewRequest(context.Background(), http.MethodPost, "/jobs", nil, func() {})
	assert.ErrorContains(t, err, "encode body")
}

func TestUserAgent_followsVersion(t *testing.T) {
	old := Version
	Version = "1.2.3"
	defer func() { Version = old }()
	c, err := New(testToken)
	require.NoError(t, err)
	assert.Equal(t, "join-mcp/1.2.3", c.userAgent)
}

func TestDo_decodesIntoV(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/custom", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"a": 1}`)
	})
	req, err := f.client.NewRequest(context.Background(), http.MethodGet, "/custom", nil, nil)
	require.NoError(t, err)
	var out struct{ A int }
	resp, err := f.client.Do(req, &out)
	require.NoError(t, err)
	assert.Equal(t, 1, out.A)
	assert.Equal(t, 1, resp.Attempts)

	// v == nil discards the body.
	req, err = f.client.NewRequest(context.Background(), http.MethodGet, "/custom", nil, nil)
	require.NoError(t, err)
	_, err = f.client.Do(req, nil)
	require.NoError(t, err)
}
