// Package rpcerr turns handler failures of prompts and resources into the
// JSON-RPC errors the MCP spec names, instead of mcp-go's generic internal
// error: a wrong argument is the caller's to fix, a missing resource is not
// a server fault.
package rpcerr

import (
	"context"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

type rpcError struct {
	code int
	msg  string
}

func (e rpcError) Error() string { return e.msg }

func (e rpcError) JSONRPCError() mcp.JSONRPCError {
	return mcp.JSONRPCError{JSONRPC: mcp.JSONRPC_VERSION, Error: mcp.JSONRPCErrorDetails{Code: e.code, Message: e.msg}}
}

// InvalidParams reports a bad argument (-32602).
func InvalidParams(format string, a ...any) error {
	return server.NewHandlerError(rpcError{mcp.INVALID_PARAMS, fmt.Sprintf(format, a...)})
}

// NotFound reports a missing resource: -32002 before protocol 2026-07-28,
// invalid params from then on, as each revision specifies.
func NotFound(ctx context.Context, format string, a ...any) error {
	code := mcp.RESOURCE_NOT_FOUND
	if mcp.IsModernProtocol(server.RequestProtocolVersion(ctx)) {
		code = mcp.INVALID_PARAMS
	}
	return server.NewHandlerError(rpcError{code, fmt.Sprintf(format, a...)})
}
