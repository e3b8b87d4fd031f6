package mcpserver

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
)

type joinTokenKey struct{}

// WithJoinToken stores the caller's JOIN token (multi-tenant HTTP).
func WithJoinToken(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, joinTokenKey{}, token)
}

// JoinTokenFromContext returns the caller's JOIN token, or "".
func JoinTokenFromContext(ctx context.Context) string {
	t, _ := ctx.Value(joinTokenKey{}).(string)
	return t
}

type allowedToolsKey struct{}

func withAllowedTools(ctx context.Context, allowed map[string]bool) context.Context {
	return context.WithValue(ctx, allowedToolsKey{}, allowed)
}

// filterAllowed applies per-request narrowing (HTTP headers) to tools/list;
// mcp-go applies the same filter to tools/call.
func filterAllowed(ctx context.Context, in []mcp.Tool) []mcp.Tool {
	allowed, ok := ctx.Value(allowedToolsKey{}).(map[string]bool)
	if !ok {
		return in
	}
	out := in[:0:0]
	for _, t := range in {
		if allowed[t.Name] {
			out = append(out, t)
		}
	}
	return out
}
