package mcpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/tools"
)

// The two protocol eras a server must serve: initialize with sessions and
// server-initiated requests, and the stateless 2026-07-28 core with
// input-required round trips.
const (
	legacyProtocol = "2025-11-25"
	modernProtocol = "2026-07-28"
)

var eras = []string{legacyProtocol, modernProtocol}

// fixedNow keeps the fake's timestamps deterministic.
var fixedNow = time.Date(2026, 7, 15, 10, 0, 0, 0, time.UTC)

// Seed ids of the fake's default tenant.
const (
	jobBackend   = 3001 // ONLINE
	jobOffline   = 3007 // OFFLINE
	officeBerlin = 2001
)

// syncBuffer is a bytes.Buffer safe for concurrent writers and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// rigConfig says how to build one server; the zero value is a single-tenant
// stateful server with all tools against a seeded fake.
type rigConfig struct {
	filter tools.Filter
	http   mcpserver.HTTPOptions
	// clientFunc replaces the JOIN client resolution (single tenant only).
	clientFunc tools.ClientFunc
}

// rig is a fake JOIN, the MCP server for it and its HTTP handler served by
// httptest on 127.0.0.1.
type rig struct {
	fake *jointest.Server
	srv  *mcpserver.Server
	h    *mcpserver.HTTPServer
	ts   *httptest.Server // nil when the test serves h itself
	logs *syncBuffer      // everything the server logged, at debug level
}

func newFake(t *testing.T) *jointest.Server {
	t.Helper()
	fake := jointest.NewServer(jointest.Options{Now: func() time.Time { return fixedNow }})
	t.Cleanup(fake.Close)
	return fake
}

// newRig builds the server; serve says whether to start an httptest server.
func newRig(t *testing.T, cfg rigConfig, serve bool) *rig {
	t.Helper()
	r := &rig{fake: newFake(t), logs: &syncBuffer{}}
	logger := zerolog.New(r.logs).Level(zerolog.DebugLevel)
	deps := tools.Deps{Logger: logger}
	// As app.go builds it: upstream calls are counted for the logs.
	joinOpts := []joinclient.Option{
		joinclient.WithBaseURL(r.fake.URL()), joinclient.WithRateLimit(0, 0),
		joinclient.WithHTTPClient(&http.Client{Transport: tools.StatsTransport{Base: http.DefaultTransport}}),
	}
	switch {
	case cfg.http.MultiTenant:
		pool := mcpserver.NewClientPool(10, func(token string) (*joinclient.Client, error) {
			r.fake.AddTenant(token, true)
			return joinclient.New(token, joinOpts...)
		})
		deps.Client = pool.ForContext
	case cfg.clientFunc != nil:
		deps.Client = cfg.clientFunc
	default:
		c, err := joinclient.New(r.fake.Token(), joinOpts...)
		require.NoError(t, err)
		deps.Client = func(context.Context) (*joinclient.Client, error) { return c, nil }
	}
	srv, err := mcpserver.NewServer(mcpserver.Config{Version: "test", Filter: cfg.filter, Deps: deps})
	require.NoError(t, err)
	opts := cfg.http
	opts.Logger = logger
	r.srv = srv
	r.h = mcpserver.NewHTTP(srv, opts)
	if serve {
		r.ts = httptest.NewServer(r.h.Handler())
		t.Cleanup(r.ts.Close)
	}
	return r
}

func (r *rig) url(path string) string { return r.ts.URL + path }

// headerTransport adds fixed headers to every request a client sends.
type headerTransport struct {
	base    http.RoundTripper
	headers map[string]string
}

func (h headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	for k, v := range h.headers {
		req.Header.Set(k, v)
	}
	return h.base.RoundTrip(req)
}

func httpClient(headers map[string]string) *http.Client {
	return &http.Client{Transport: headerTransport{base: http.DefaultTransport, headers: headers}}
}

// clientConfig describes one MCP client connection.
type clientConfig struct {
	protocol string // legacyProtocol or modernProtocol
	sse      bool   // legacy HTTP+SSE at /sse instead of streamable HTTP at /mcp
	headers  map[string]string
	elicit   func(context.Context, *sdk.ElicitRequest) (*sdk.ElicitResult, error)
	logs     func(context.Context, *sdk.LoggingMessageRequest)
	noGET    bool // no standalone SSE stream (streamable HTTP)
}

// connect opens a real MCP client session (official Go SDK) to base, the
// server's root URL.
func connect(t *testing.T, base string, cc clientConfig) *sdk.ClientSession {
	t.Helper()
	cs, err := tryConnect(t, base, cc)
	require.NoError(t, err)
	return cs
}

func tryConnect(t *testing.T, base string, cc clientConfig) (*sdk.ClientSession, error) {
	t.Helper()
	opts := &sdk.ClientOptions{
		Capabilities:          &sdk.ClientCapabilities{},
		ElicitationHandler:    cc.elicit,
		LoggingMessageHandler: cc.logs,
	}
	c := sdk.NewClient(&sdk.Implementation{Name: "mcpserver-test", Version: "1"}, opts)
	var transport sdk.Transport
	if cc.sse {
		transport = &sdk.SSEClientTransport{Endpoint: base + "/sse", HTTPClient: httpClient(cc.headers)}
	} else {
		transport = &sdk.StreamableClientTransport{Endpoint: base + "/mcp", HTTPClient: httpClient(cc.headers),
			MaxRetries: -1, DisableStandaloneSSE: cc.noGET}
	}
	// The SSE transport opens its stream with the Connect context: it must
	// live as long as the session, not just the handshake.
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cs, err := c.Connect(ctx, transport, &sdk.ClientSessionOptions{ProtocolVersion: cc.protocol})
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { _ = cs.Close() })
	return cs, nil
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// toolNames lists the tools the session sees.
func toolNames(t *testing.T, cs *sdk.ClientSession) []string {
	t.Helper()
	res, err := cs.ListTools(testCtx(t), nil)
	require.NoError(t, err)
	names := make([]string, len(res.Tools))
	for i, tool := range res.Tools {
		names[i] = tool.Name
	}
	return names
}

// call runs a tool; a protocol error fails the test.
func call(t *testing.T, cs *sdk.ClientSession, name string, args any) *sdk.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(testCtx(t), &sdk.CallToolParams{Name: name, Arguments: args})
	require.NoError(t, err, "tools/call %s", name)
	return res
}

// text is the concatenated text content of a result.
func text(res *sdk.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

func contextWithTimeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// decodeStructured decodes a result's structured content into out.
func decodeStructured(res *sdk.CallToolResult, out any) error {
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("structured content %s: %w", b, err)
	}
	return nil
}

// structured decodes a successful result's structured content into out.
func structured(t *testing.T, res *sdk.CallToolResult, out any) {
	t.Helper()
	require.False(t, res.IsError, "tool error: %s", text(res))
	b, err := json.Marshal(res.StructuredContent)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, out), "structured content: %s", b)
}

// writeStatus is the status of a write tool's result.
func writeStatus(t *testing.T, res *sdk.CallToolResult) string {
	t.Helper()
	var out struct {
		Status string `json:"status"`
	}
	structured(t, res, &out)
	return out.Status
}

// initializeBody is a legacy initialize request.
const initializeBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`

// rawResult is the outcome of a raw HTTP request.
type rawResult struct {
	status int
	header http.Header
	body   string
}

// do sends a raw request; for streams (GET /sse) only the status and headers
// are read.
func do(t *testing.T, method, url string, body io.Reader, headers map[string]string) rawResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	require.NoError(t, err)
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
	}
	for k, v := range headers {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out := rawResult{status: resp.StatusCode, header: resp.Header}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return out // a stream: do not wait for its end
	}
	b, _ := io.ReadAll(resp.Body)
	out.body = string(b)
	return out
}

// errorMessage decodes the {"error": "..."} body of one of our HTTP errors.
func errorMessage(t *testing.T, res rawResult) string {
	t.Helper()
	assert.Equal(t, "application/json", res.header.Get("Content-Type"))
	var body struct {
		Error string `json:"error"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.body), &body), "error body %q is not JSON", res.body)
	require.NotEmpty(t, body.Error, "error body %q", res.body)
	return body.Error
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func jobID(id int64) joinclient.ID { return joinclient.ID(id) }
