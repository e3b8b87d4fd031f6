package mcpserver_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/mcpserver"
)

// chunked hides the length of r from net/http, so the body goes out with
// Transfer-Encoding: chunked and no Content-Length.
type chunked struct{ r io.Reader }

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p) }

// paddedInitialize is an initialize request of exactly n bytes.
func paddedInitialize(t *testing.T, n int) []byte {
	t.Helper()
	const head = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"},"_pad":"`
	const tail = `"}}`
	require.Greater(t, n, len(head)+len(tail))
	return []byte(head + strings.Repeat("x", n-len(head)-len(tail)) + tail)
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	const limit = 4096
	r := newRig(t, rigConfig{http: mcpserver.HTTPOptions{MaxBodyBytes: limit}}, true)
	for _, path := range []string{"/mcp", "/message"} {
		for _, size := range []int{limit + 1, 5000, 64 << 10} {
			for _, mode := range []string{"Content-Length", "chunked"} {
				body := paddedInitialize(t, size)
				var reader io.Reader = bytes.NewReader(body)
				if mode == "chunked" {
					reader = chunked{bytes.NewReader(body)}
				}
				res := do(t, http.MethodPost, r.url(path), reader, nil)
				assert.Equal(t, http.StatusRequestEntityTooLarge, res.status, "%s, %d bytes with %s", path, size, mode)
				assert.Contains(t, errorMessage(t, res), fmt.Sprint(limit), "the 413 says the limit")
			}
		}
	}
	// At the limit and below, requests pass (with and without a length).
	for _, size := range []int{limit, 1000} {
		for _, mode := range []string{"Content-Length", "chunked"} {
			var reader io.Reader = bytes.NewReader(paddedInitialize(t, size))
			if mode == "chunked" {
				reader = chunked{reader}
			}
			res := do(t, http.MethodPost, r.url("/mcp"), reader, nil)
			assert.Equal(t, http.StatusOK, res.status, "%d bytes with %s: %s", size, mode, res.body)
			assert.Contains(t, res.body, `"serverInfo"`)
		}
	}
	// A real client with ordinary requests is not affected.
	for _, era := range eras {
		cs := connect(t, r.ts.URL, clientConfig{protocol: era})
		assert.False(t, call(t, cs, "join_get_job", map[string]any{"jobId": jobBackend}).IsError)
	}
}
