// Command join-mcp is an MCP server for the JOIN (join.com) recruiting API.
//
//	join-mcp [flags]                       serve MCP over stdio (default)
//	join-mcp [flags] tools                 list the tools
//	join-mcp [flags] call TOOL '{"a":1}'   run one tool and print the result
//
// Run with --sandbox to use the built-in fake JOIN (no account, no network).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK        = 0
	exitFailure   = 1 // runtime failure, or a tool call that ended in a tool error
	exitBadConfig = 2 // bad flags or missing configuration; nothing was started
)

// run is main without the process: testable with any streams.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, os.LookupEnv, stderr)
	if err != nil {
		if errors.Is(err, errHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "join-mcp: %v\n", err)
		return exitBadConfig
	}
	if cfg.showVersion {
		fmt.Fprintf(stdout, "join-mcp %s\n", version)
		return exitOK
	}
	app, err := newApp(cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "join-mcp: %v\n", err)
		return exitBadConfig
	}
	defer app.close()

	switch cfg.command {
	case "tools":
		return app.listTools(ctx, stdout, stderr)
	case "call":
		return app.callTool(ctx, cfg.commandArgs, stdout, stderr)
	default:
		if cfg.transport == "http" {
			return app.serveHTTP(ctx)
		}
		return app.serve(ctx, stdin, stdout)
	}
}
