package tools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const snapDir = "__toolsnaps__"

// listTools returns tools/list as the mcp-go client decodes it.
func (e *env) listTools() []mcp.Tool {
	e.t.Helper()
	res, err := e.mcp.ListTools(context.Background(), mcp.ListToolsRequest{})
	require.NoError(e.t, err)
	return res.Tools
}

// wireTools returns the tools/list entries exactly as they travel: a second
// in-process connection speaks raw JSON-RPC (initialize, initialized,
// tools/list), so no client-side decoding can add or drop anything.
func (e *env) wireTools() []json.RawMessage {
	e.t.Helper()
	ctx := context.Background()
	tr := transport.NewInProcessTransport(e.srv)
	require.NoError(e.t, tr.Start(ctx))
	defer tr.Close()
	send := func(id int, method string, params any) json.RawMessage {
		resp, err := tr.SendRequest(ctx, transport.JSONRPCRequest{JSONRPC: "2.0", ID: mcp.NewRequestId(int64(id)), Method: method, Params: params})
		require.NoError(e.t, err)
		require.Nil(e.t, resp.Error, "%s failed: %+v", method, resp.Error)
		return resp.Result
	}
	send(1, "initialize", map[string]any{
		"protocolVersion": legacyProtocol,
		"clientInfo":      map[string]any{"name": "wire", "version": "test"},
		"capabilities":    map[string]any{},
	})
	require.NoError(e.t, tr.SendNotification(ctx, mcp.JSONRPCNotification{JSONRPC: "2.0", Notification: mcp.Notification{Method: "notifications/initialized"}}))
	var list struct {
		Tools      []json.RawMessage `json:"tools"`
		NextCursor string            `json:"nextCursor"`
	}
	require.NoError(e.t, json.Unmarshal(send(2, "tools/list", map[string]any{}), &list))
	require.Empty(e.t, list.NextCursor, "all tools fit one tools/list page")
	return list.Tools
}

// pretty renders JSON indented with sorted keys, so a snapshot diff shows
// what a client would see change.
func pretty(t *testing.T, raw []byte) []byte {
	t.Helper()
	var generic any
	require.NoError(t, json.Unmarshal(raw, &generic))
	out, err := json.MarshalIndent(generic, "", "  ")
	require.NoError(t, err)
	return append(out, '\n')
}

func toolName(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var head struct {
		Name string `json:"name"`
	}
	require.NoError(t, json.Unmarshal(raw, &head))
	require.NotEmpty(t, head.Name)
	return head.Name
}

// TestToolSnapshots compares every tool definition with its snapshot in
// __toolsnaps__/<tool>.snap. UPDATE_TOOLSNAPS=true rewrites them; a missing
// snapshot, or a snapshot of a tool that no longer exists, fails otherwise.
func TestToolSnapshots(t *testing.T) {
	update := os.Getenv("UPDATE_TOOLSNAPS") == "true"
	e := newEnv(t, setup{})
	listed := e.wireTools()
	var listedNames []string
	for _, raw := range listed {
		listedNames = append(listedNames, toolName(t, raw))
	}
	require.Equal(t, sortedKeys(expectedTools), listedNames)

	if update {
		require.NoError(t, os.MkdirAll(snapDir, 0o755))
	}
	seen := map[string]bool{}
	for _, raw := range listed {
		name := toolName(t, raw) + ".snap"
		seen[name] = true
		got := pretty(t, raw)
		path := filepath.Join(snapDir, name)
		want, err := os.ReadFile(path)
		switch {
		case update:
			if err != nil || !bytes.Equal(want, got) {
				require.NoError(t, os.WriteFile(path, got, 0o644))
				t.Logf("updated %s", path)
			}
		case errors.Is(err, fs.ErrNotExist):
			t.Errorf("%s is missing; run UPDATE_TOOLSNAPS=true go test ./tools/ and review the new snapshot", path)
		default:
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(got), "%s changed; if intended, run UPDATE_TOOLSNAPS=true go test ./tools/ and commit the diff", path)
		}
	}

	entries, err := os.ReadDir(snapDir)
	require.NoError(t, err)
	for _, ent := range entries {
		if !strings.HasSuffix(ent.Name(), ".snap") || seen[ent.Name()] {
			continue
		}
		if update {
			require.NoError(t, os.Remove(filepath.Join(snapDir, ent.Name())))
			t.Logf("removed stale %s", ent.Name())
			continue
		}
		t.Errorf("%s/%s belongs to no tool; run UPDATE_TOOLSNAPS=true go test ./tools/ to remove it", snapDir, ent.Name())
	}
}
