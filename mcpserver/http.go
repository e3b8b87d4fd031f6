package mcpserver

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/join-mcp/join-mcp/tools"
)

// HTTPOptions configures the HTTP transports.
type HTTPOptions struct {
	// Stateless serves streamable HTTP without sessions, for load-balanced
	// replicas. Legacy clients then get no server-initiated requests, so
	// elicitation falls back to the confirm flag; 2026-07-28 round trips work.
	Stateless bool
	// AuthToken, when set, must arrive as "Authorization: Bearer <token>".
	AuthToken string
	// MultiTenant makes every request bring its own JOIN token in X-Join-Token.
	MultiTenant bool
	// AllowedOrigins lists extra browser origins (scheme://host[:port]);
	// loopback origins are always allowed. "*" allows any.
	AllowedOrigins []string
	// MaxBodyBytes caps a request body (413 beyond).
	MaxBodyBytes int64
	// ShutdownTimeout bounds how long in-flight tool calls may finish.
	ShutdownTimeout time.Duration
	Logger          zerolog.Logger
}

// DefaultMaxBodyBytes fits join_create_application with a few documents of
// several MiB each once base64-encoded.
const DefaultMaxBodyBytes = 32 << 20

// Request headers of the HTTP transports.
const (
	HeaderJoinToken = "X-Join-Token"
	HeaderToolsets  = "X-MCP-Toolsets"
	HeaderTools     = "X-MCP-Tools"
	HeaderReadonly  = "X-MCP-Readonly"
)

// HTTPServer serves streamable HTTP at /mcp, legacy HTTP+SSE at /sse and
// /message, and GET /healthz, on one listener.
type HTTPServer struct {
	opts       HTTPOptions
	mcp        *Server
	streamable *server.StreamableHTTPServer
	sse        *server.SSEServer
	handler    http.Handler
}

// NewHTTP wraps s with the HTTP transports and their hardening.
func NewHTTP(s *Server, opts HTTPOptions) *HTTPServer {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = 20 * time.Second
	}
	h := &HTTPServer{opts: opts, mcp: s}
	streamOpts := []server.StreamableHTTPOption{
		server.WithEndpointPath("/mcp"),
		server.WithMaxRequestBodyBytes(opts.MaxBodyBytes),
		server.WithHeartbeatInterval(25 * time.Second),
		// Without this mcp-go logs through slog.Default: plain-text lines on
		// stderr (e.g. "INFO Delivered sampling response" on every legacy
		// elicitation answer) between our JSON lines.
		server.WithStreamableHTTPLogger(slog.New(zerolog.NewSlogHandler(opts.Logger))),
	}
	if opts.Stateless {
		streamOpts = append(streamOpts, server.WithStateLess(true))
	} else {
		streamOpts = append(streamOpts, server.WithStateful(true))
	}
	h.streamable = server.NewStreamableHTTPServer(s.MCP, streamOpts...)
	h.sse = server.NewSSEServer(s.MCP,
		server.WithSSEEndpoint("/sse"),
		server.WithMessageEndpoint("/message"),
		server.WithSSEMaxRequestBodyBytes(opts.MaxBodyBytes),
		server.WithKeepAlive(true),
	)
	mux := http.NewServeMux()
	mux.Handle("/mcp", h.streamable)
	mux.Handle("/sse", h.sse.SSEHandler())
	mux.Handle("/message", h.sse.MessageHandler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if s.Draining() {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `{"status":"draining"}`)
			return
		}
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	})
	h.handler = h.recoverPanics(h.checkOrigin(h.authenticate(h.limitBody(h.scope(mux)))))
	return h
}

// Handler is the complete HTTP handler (for tests and embedding).
func (h *HTTPServer) Handler() http.Handler { return h.handler }

// Serve answers on ln until ctx ends, then shuts down gracefully: new tool
// calls are refused, running ones may finish within ShutdownTimeout, then
// streams close.
func (h *HTTPServer) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           h.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      10 * time.Minute, // SSE and stream GETs lift it per request
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		// net/http's own lines: TLS handshakes, broken connections.
		ErrorLog: log.New(LogWriter{h.opts.Logger, zerolog.WarnLevel}, "", 0),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	h.opts.Logger.Info().Msg("shutting down: waiting for running tool calls")
	sctx, cancel := context.WithTimeout(context.Background(), h.opts.ShutdownTimeout)
	defer cancel()
	h.mcp.Drain(sctx)
	_ = h.streamable.Shutdown(sctx)
	// SSEServer.Shutdown closes sessions only when mcp-go runs its own
	// http.Server; for a mounted handler it does nothing, and every open /sse
	// stream held srv.Shutdown until ShutdownTimeout. Close them ourselves,
	// after a short grace: mcp-go queues the response of a call that just
	// finished on the stream right after its handler returns, and a closed
	// session drops what is still queued.
	select {
	case <-time.After(sseResponseGrace):
	case <-sctx.Done():
	}
	h.sse.CloseSessions()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// sseResponseGrace is how long Serve lets SSE streams deliver the responses
// of the last tool calls before closing them.
const sseResponseGrace = 100 * time.Millisecond

// LogWriter turns the standard-library logging of mcp-go and net/http into
// zerolog lines at Level, so stderr stays JSON.
type LogWriter struct {
	Logger zerolog.Logger
	Level  zerolog.Level
}

func (w LogWriter) Write(p []byte) (int, error) {
	w.Logger.WithLevel(w.Level).Msg(strings.TrimSpace(string(p)))
	return len(p), nil
}

func httpError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// json.Marshal, not %q: messages echo header values (Origin, X-MCP-Tools),
	// and Go quoting of bytes that are not UTF-8 ("\xff") is not valid JSON.
	b, _ := json.Marshal(map[string]string{"error": msg})
	_, _ = w.Write(append(b, '\n'))
}

func (h *HTTPServer) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				h.opts.Logger.Error().Interface("panic", v).Str("path", r.URL.Path).Msg("HTTP handler panicked")
				httpError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		// Long-lived streams must not hit the server's write timeout.
		if r.Method == http.MethodGet && (r.URL.Path == "/sse" || r.URL.Path == "/mcp") {
			_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
		}
		next.ServeHTTP(w, r)
	})
}

// checkOrigin answers 403 to a browser Origin that is not allowed, as the
// MCP spec requires against DNS rebinding; mcp-go only checks Host.
func (h *HTTPServer) checkOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && !h.originAllowed(origin) {
			httpError(w, http.StatusForbidden, "origin "+origin+" is not allowed; start join-mcp with --allowed-origins "+origin+" to allow it")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (h *HTTPServer) originAllowed(origin string) bool {
	if slices.Contains(h.opts.AllowedOrigins, "*") || slices.Contains(h.opts.AllowedOrigins, origin) {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return IsLoopbackHost(u.Hostname())
}

// IsLoopbackHost reports whether host is localhost or a loopback IP.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

func (h *HTTPServer) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			next.ServeHTTP(w, r)
			return
		}
		if h.opts.AuthToken != "" {
			// The scheme is case-insensitive (RFC 9110 11.1): "bearer x" is valid.
			auth := r.Header.Get("Authorization")
			ok := len(auth) > 7 && strings.EqualFold(auth[:7], "Bearer ")
			got := ""
			if ok {
				got = auth[7:]
			}
			if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(h.opts.AuthToken)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="join-mcp"`)
				httpError(w, http.StatusUnauthorized, "missing or wrong bearer token: send Authorization: Bearer <JOIN_MCP_HTTP_TOKEN>")
				return
			}
		}
		if h.opts.MultiTenant && strings.TrimSpace(r.Header.Get(HeaderJoinToken)) == "" && needsTenant(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="join-mcp"`)
			httpError(w, http.StatusUnauthorized, "missing "+HeaderJoinToken+" header: this server is multi-tenant, send your JOIN API token in "+HeaderJoinToken)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// needsTenant: every MCP message needs the caller's JOIN token, but closing a
// session does not.
func needsTenant(r *http.Request) bool { return r.Method != http.MethodDelete }

// limitBody answers 413 before any parsing when a body is too large.
func (h *HTTPServer) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Method == http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > h.opts.MaxBodyBytes {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", h.opts.MaxBodyBytes))
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, h.opts.MaxBodyBytes+1))
		if err != nil {
			httpError(w, http.StatusBadRequest, "could not read the request body")
			return
		}
		if int64(len(body)) > h.opts.MaxBodyBytes {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", h.opts.MaxBodyBytes))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// scope puts the caller's JOIN token and tool narrowing into the request
// context, where the tool handlers and the tool filter find them.
func (h *HTTPServer) scope(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if h.opts.MultiTenant {
			ctx = WithJoinToken(ctx, strings.TrimSpace(r.Header.Get(HeaderJoinToken)))
		}
		if h.opts.Stateless {
			ctx = tools.WithStateless(ctx)
		}
		narrowed, err := h.narrowing(r)
		if err != nil {
			httpError(w, http.StatusBadRequest, err.Error())
			return
		}
		if narrowed != nil {
			ctx = withAllowedTools(ctx, narrowed)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// narrowing reads X-MCP-Toolsets, X-MCP-Tools and X-MCP-Readonly. They select
// from what the server's flags enabled, so they can narrow but never widen.
func (h *HTTPServer) narrowing(r *http.Request) (map[string]bool, error) {
	toolsets, names := splitHeader(r.Header.Get(HeaderToolsets)), splitHeader(r.Header.Get(HeaderTools))
	// Every value counts, so a proxy that appends "X-MCP-Readonly: true" is
	// not undone by a client's own "false" before it.
	readonly := false
	for _, v := range r.Header.Values(HeaderReadonly) {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("%s must be true or false", HeaderReadonly)
		}
		readonly = readonly || b
	}
	if len(toolsets) == 0 && len(names) == 0 && !readonly {
		return nil, nil
	}
	known := h.mcp.AllNames()
	var enabledNames []string
	for _, n := range names {
		if !known[n] {
			return nil, fmt.Errorf("%s: unknown tool %q", HeaderTools, n)
		}
		if h.mcp.Enabled(n) {
			enabledNames = append(enabledNames, n)
		}
	}
	f := tools.Filter{Toolsets: toolsets, Tools: enabledNames, ReadOnly: readonly}
	if len(names) > 0 && len(enabledNames) == 0 && len(toolsets) == 0 {
		return map[string]bool{}, nil // every asked-for tool is disabled here
	}
	selected, err := tools.Select(h.mcp.Tools, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", HeaderToolsets, err)
	}
	allowed := make(map[string]bool, len(selected))
	for _, t := range selected {
		allowed[t.Def.Name] = true
	}
	return allowed, nil
}

func splitHeader(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
