package mcpserver_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	mcpgo "github.com/mark3labs/mcp-go/mcp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
)

// A bug in a tool handler (here: resolving the JOIN client panics) becomes
// a tool error, and the server keeps serving, on every transport and era.
func TestToolPanicBecomesToolError(t *testing.T) {
	t.Parallel()
	var boom atomic.Bool
	var r *rig
	var client *joinclient.Client
	r = newRig(t, rigConfig{clientFunc: func(context.Context) (*joinclient.Client, error) {
		if boom.Load() {
			panic("test panic in the JOIN client lookup")
		}
		return client, nil
	}}, true)
	var err error
	client, err = joinclient.New(r.fake.Token(), joinclient.WithBaseURL(r.fake.URL()), joinclient.WithRateLimit(0, 0))
	require.NoError(t, err)

	for _, cc := range []clientConfig{{protocol: legacyProtocol}, {protocol: modernProtocol}, {protocol: legacyProtocol, sse: true}} {
		cs := connect(t, r.ts.URL, cc)
		boom.Store(true)
		res := call(t, cs, "join_get_job", map[string]any{"jobId": jobBackend})
		boom.Store(false)
		assert.True(t, res.IsError, "%+v", cc)
		assert.Contains(t, text(res), "internal error in join_get_job")
		assert.NotContains(t, text(res), "test panic", "the panic value is logged, not shown")
		assert.False(t, call(t, cs, "join_get_job", map[string]any{"jobId": jobBackend}).IsError, "the same session still works")
	}
	assert.Contains(t, r.logs.String(), "test panic in the JOIN client lookup", "the panic is logged")
	assert.EqualValues(t, 0, r.srv.InFlight(), "the panicking call was counted out")
}

// A handler outside the tools package's recovery (added to the mcp-go
// server directly) panics through mcp-go: on streamable HTTP the HTTP layer
// answers 500 and the server keeps serving; on SSE mcp-go answers a JSON-RPC
// error.
func TestRawHandlerPanic(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{}, true)
	r.srv.MCP.AddTool(mcpgo.NewTool("test_panic", mcpgo.WithDescription("panics")),
		func(context.Context, mcpgo.CallToolRequest) (*mcpgo.CallToolResult, error) {
			panic("raw handler panic")
		})
	for _, cc := range []clientConfig{{protocol: legacyProtocol}, {protocol: modernProtocol}, {protocol: legacyProtocol, sse: true}} {
		cs := connect(t, r.ts.URL, cc)
		_, err := cs.CallTool(testCtx(t), &sdk.CallToolParams{Name: "test_panic"})
		assert.Error(t, err, "%+v", cc)
		assert.False(t, call(t, cs, "join_get_job", map[string]any{"jobId": jobBackend}).IsError, "%+v: the session still works", cc)
	}
	assert.EqualValues(t, 0, r.srv.InFlight())

	// The raw exchange: a 500 with our JSON error, no panic text.
	init := do(t, http.MethodPost, r.url("/mcp"), strings.NewReader(initializeBody), nil)
	require.Equal(t, http.StatusOK, init.status)
	sid := init.header.Get("Mcp-Session-Id")
	require.NotEmpty(t, sid)
	headers := map[string]string{"Mcp-Session-Id": sid, "Mcp-Protocol-Version": legacyProtocol}
	res := do(t, http.MethodPost, r.url("/mcp"), strings.NewReader(`{"jsonrpc":"2.0","method":"notifications/initialized"}`), headers)
	require.Equal(t, http.StatusAccepted, res.status, res.body)
	res = do(t, http.MethodPost, r.url("/mcp"), strings.NewReader(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"test_panic","arguments":{}}}`), headers)
	assert.Equal(t, http.StatusInternalServerError, res.status)
	assert.Equal(t, "internal error", errorMessage(t, res))
	assert.Contains(t, r.logs.String(), "raw handler panic")
	health := do(t, http.MethodGet, r.url("/healthz"), nil, nil)
	assert.Equal(t, http.StatusOK, health.status)
}
