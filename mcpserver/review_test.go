package mcpserver_test

import (
	"net/http"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/mcpserver"
)

// appendTransport adds header values without replacing earlier ones, as a
// proxy that appends X-MCP-Readonly would.
type appendTransport struct{ values []string }

func (a appendTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	for _, v := range a.values {
		req.Header.Add(mcpserver.HeaderReadonly, v)
	}
	return http.DefaultTransport.RoundTrip(req)
}

// A client's own "false" before a proxy's appended "true" must not undo the
// read-only narrowing.
func TestReadonlyHeaderEveryValueCounts(t *testing.T) {
	r := newRig(t, rigConfig{}, true)
	var readOnly []string
	for _, tool := range r.srv.Tools {
		if tool.ReadOnly() {
			readOnly = append(readOnly, tool.Def.Name)
		}
	}
	c := sdk.NewClient(&sdk.Implementation{Name: "review", Version: "1"}, nil)
	cs, err := c.Connect(testCtx(t), &sdk.StreamableClientTransport{
		Endpoint: r.ts.URL + "/mcp", HTTPClient: &http.Client{Transport: appendTransport{values: []string{"false", "true"}}},
		DisableStandaloneSSE: true,
	}, &sdk.ClientSessionOptions{ProtocolVersion: legacyProtocol})
	require.NoError(t, err)
	t.Cleanup(func() { _ = cs.Close() })
	assert.Equal(t, readOnly, toolNames(t, cs))
}
