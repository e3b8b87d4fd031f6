package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// progress sends notifications/progress for a request that carries a
// progress token; without one it does nothing.
type progress struct {
	ctx   context.Context
	token mcp.ProgressToken
	srv   *server.MCPServer
}

func newProgress(ctx context.Context, req mcp.CallToolRequest) *progress {
	p := &progress{ctx: ctx, srv: server.ServerFromContext(ctx)}
	if req.Params.Meta != nil {
		p.token = req.Params.Meta.ProgressToken
	}
	return p
}

// report sends done of total (total <= 0: unknown) with a short message.
func (p *progress) report(done, total int, message string) {
	if p.token == nil || p.srv == nil {
		return
	}
	params := map[string]any{"progressToken": p.token, "progress": done, "message": message}
	if total > 0 {
		params["total"] = total
	}
	_ = p.srv.SendNotificationToClient(p.ctx, string(mcp.MethodNotificationProgress), params)
}
