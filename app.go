package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/tools"
)

// maxSandboxTenants bounds the demo companies a multi-tenant sandbox creates.
const maxSandboxTenants = 50

// app is one configured join-mcp: logger, JOIN client (or sandbox) and server.
type app struct {
	cfg     config
	log     zerolog.Logger
	stderr  io.Writer
	sandbox *jointest.Server
	client  *joinclient.Client // nil on a multi-tenant server
	mcp     *mcpserver.Server
	server  *server.MCPServer
	tools   []tools.Tool
}

func newLogger(cfg config, w io.Writer) zerolog.Logger {
	level, _ := zerolog.ParseLevel(cfg.logLevel)
	if cfg.logFormat == "console" {
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly}
	}
	return zerolog.New(w).Level(level).With().Timestamp().Str("app", "join-mcp").Logger()
}

func newApp(cfg config, stderr io.Writer) (*app, error) {
	a := &app{cfg: cfg, stderr: stderr, log: newLogger(cfg, stderr)}
	// mcp-go's SSE server and net/http log through the standard logger; route
	// it into zerolog so stderr stays JSON lines.
	log.SetFlags(0)
	log.SetOutput(mcpserver.LogWriter{Logger: a.log, Level: zerolog.ErrorLevel})
	joinclient.Version = version
	token, baseURL := cfg.token, cfg.baseURL
	if cfg.sandbox {
		// The fake JOIN runs in this process on loopback: no account, no network.
		a.sandbox = jointest.NewServer(jointest.Options{})
		token, baseURL = a.sandbox.Token(), a.sandbox.URL()
	}
	rate, inFlight := cfg.rateLimit, cfg.maxInFlight
	if rate < 0 {
		rate = 5
		if cfg.sandbox {
			// The fake JOIN is in this process: a client-side limit would only
			// slow the demo (and measurements) down. --rate-limit still applies.
			rate, inFlight = 0, max(inFlight, 64)
		}
	}
	// Keep as many idle connections as requests may be in flight; the default
	// of 2 makes concurrent calls open and close a connection each time.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = inFlight
	opts := []joinclient.Option{
		joinclient.WithHTTPClient(&http.Client{Transport: tools.StatsTransport{Base: transport}}),
		joinclient.WithRateLimit(rate, max(int(rate*2), 1)),
		joinclient.WithMaxInFlight(inFlight),
	}
	if baseURL != "" {
		opts = append(opts, joinclient.WithBaseURL(baseURL))
	}
	deps := tools.Deps{Logger: a.log, MaxResultBytes: cfg.maxResultBytes}
	if cfg.multiTenant {
		var sandboxTenants atomic.Int64
		pool := mcpserver.NewClientPool(1000, func(token string) (*joinclient.Client, error) {
			if a.sandbox != nil {
				// Every sandbox caller gets their own demo company; a bound keeps
				// made-up tokens from growing the process without end.
				if a.sandbox.Store(token) == nil && sandboxTenants.Add(1) > maxSandboxTenants {
					return nil, fmt.Errorf("the sandbox holds at most %d demo companies; restart it or reuse a token", maxSandboxTenants)
				}
				a.sandbox.AddTenant(token, true)
			}
			return joinclient.New(token, opts...)
		})
		deps.Client = pool.ForContext
	} else {
		c, err := joinclient.New(token, opts...)
		if err != nil {
			a.close()
			return nil, err
		}
		a.client = c
		deps.Client = func(context.Context) (*joinclient.Client, error) { return c, nil }
	}
	var err error
	a.mcp, err = mcpserver.NewServer(mcpserver.Config{Version: version, Filter: cfg.filter, Deps: deps})
	if err != nil {
		a.close()
		return nil, err
	}
	a.server, a.tools = a.mcp.MCP, a.mcp.Tools
	if a.sandbox != nil {
		// Logged only once the configuration is known to be good, so a bad
		// --toolsets or --tools still prints exactly one line on stderr.
		a.log.Info().Str("baseURL", baseURL).Msg("sandbox: serving demo data from the built-in fake JOIN")
	}
	return a, nil
}

// serveHTTP serves the HTTP transports until ctx ends.
func (a *app) serveHTTP(ctx context.Context) int {
	ln, err := net.Listen("tcp", a.cfg.addr)
	if err != nil {
		a.log.Error().Err(err).Str("addr", a.cfg.addr).Msg("cannot listen")
		return exitFailure
	}
	h := mcpserver.NewHTTP(a.mcp, mcpserver.HTTPOptions{
		Stateless:      a.cfg.stateless,
		AuthToken:      a.cfg.httpToken,
		MultiTenant:    a.cfg.multiTenant,
		AllowedOrigins: a.cfg.allowedOrigins,
		MaxBodyBytes:   a.cfg.maxBodyBytes,
		Logger:         a.log,
	})
	a.log.Info().Str("addr", ln.Addr().String()).Bool("stateless", a.cfg.stateless).Bool("multiTenant", a.cfg.multiTenant).
		Bool("httpAuth", a.cfg.httpToken != "").Int("tools", len(a.tools)).
		Msg("serving MCP over HTTP: streamable HTTP at /mcp, SSE at /sse, health at /healthz")
	if err := h.Serve(ctx, ln); err != nil {
		a.log.Error().Err(err).Msg("HTTP server stopped")
		return exitFailure
	}
	a.log.Info().Msg("stopped")
	return exitOK
}

func (a *app) close() {
	if a.sandbox != nil {
		a.sandbox.Close()
	}
}

// serve speaks MCP over stdio until stdin closes or the context ends.
func (a *app) serve(ctx context.Context, stdin io.Reader, stdout io.Writer) int {
	a.log.Info().Str("version", version).Int("tools", len(a.tools)).Bool("readOnly", a.cfg.filter.ReadOnly).Msg("serving MCP on stdio")
	stdio := server.NewStdioServer(a.server)
	stdio.SetErrorLogger(log.New(mcpserver.LogWriter{Logger: a.log, Level: zerolog.ErrorLevel}, "", 0))
	if err := stdio.Listen(ctx, stdin, stdout); err != nil && ctx.Err() == nil && err != io.EOF {
		a.log.Error().Err(err).Msg("stdio server stopped")
		return exitFailure
	}
	return exitOK
}

// inProcessClient connects an MCP client to our own server, so the shell
// commands exercise the same path as a real client.
func (a *app) inProcessClient(ctx context.Context) (*client.Client, error) {
	c, err := client.NewInProcessClient(a.server)
	if err != nil {
		return nil, err
	}
	if err := c.Start(ctx); err != nil {
		return nil, err
	}
	init := mcp.InitializeRequest{}
	init.Params.ClientInfo = mcp.Implementation{Name: "join-mcp-cli", Version: version}
	if _, err := c.Initialize(ctx, init); err != nil {
		return nil, err
	}
	return c, nil
}

func (a *app) listTools(ctx context.Context, stdout, stderr io.Writer) int {
	c, err := a.inProcessClient(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "join-mcp: %v\n", err)
		return exitFailure
	}
	defer c.Close()
	res, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		fmt.Fprintf(stderr, "join-mcp: %v\n", err)
		return exitFailure
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTITLE\tKIND")
	for _, t := range res.Tools {
		kind := "write"
		switch {
		case t.Annotations.ReadOnlyHint != nil && *t.Annotations.ReadOnlyHint:
			kind = "read-only"
		case t.Annotations.DestructiveHint != nil && *t.Annotations.DestructiveHint:
			kind = "destructive (confirm)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, t.Title, kind)
	}
	tw.Flush()
	return exitOK
}

func (a *app) callTool(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	name, rawArgs := args[0], "{}"
	if len(args) > 1 && strings.TrimSpace(args[1]) != "" {
		rawArgs = args[1]
	}
	var arguments map[string]any
	if err := json.Unmarshal([]byte(rawArgs), &arguments); err != nil {
		fmt.Fprintf(stderr, "join-mcp: the arguments must be a JSON object: %v\n", err)
		return exitBadConfig
	}
	c, err := a.inProcessClient(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "join-mcp: %v\n", err)
		return exitFailure
	}
	defer c.Close()
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = arguments
	res, err := c.CallTool(ctx, req)
	if err != nil {
		fmt.Fprintf(stderr, "join-mcp: %v\n", err)
		return exitFailure
	}
	out, _ := json.MarshalIndent(res, "", "  ")
	fmt.Fprintln(stdout, string(out))
	if res.IsError {
		return exitFailure
	}
	return exitOK
}
