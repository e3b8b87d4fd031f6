package tools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/tools"
)

// legacyProtocol is the last revision with initialize and server-initiated
// elicitation/create; the default (no pin) is the 2026-07-28 stateless core
// with input-required round trips.
const legacyProtocol = "2025-11-25"

// fixedNow keeps the fake's timestamps, rate-limit windows and file URL
// expiry deterministic.
var fixedNow = time.Date(2026, 7, 15, 10, 0, 0, 0, time.UTC)

// Seed ids of the fake's default tenant (see jointest's seed data).
// 3001..3006 are ONLINE, 3007..3010 OFFLINE, 3011..3012 ARCHIVED; offices
// are 2001..2005 (Berlin, Munich, Hamburg, Vienna, Zurich).
const (
	jobBackend   = 3001 // ONLINE, 44 applications, externalId ATS-ENG-2026-014
	jobOffline   = 3007 // the first OFFLINE job
	officeBerlin = 2001 // the default office
)

// setup says how to build one test environment; the zero value is a seeded
// fake, all tools, a client on the default (2026-07-28) protocol without
// elicitation.
type setup struct {
	protocol       string // "" default era; legacyProtocol for initialize
	elicit         *elicitor
	filter         tools.Filter
	maxResultBytes int
	logger         *zerolog.Logger
	token          string // JOIN token the joinclient sends; default the fake's
	maxAttempts    int    // joinclient retry attempts; default 4
	clientFunc     tools.ClientFunc
	fake           *jointest.Server // share a fake between environments
}

type env struct {
	t      *testing.T
	fake   *jointest.Server
	jc     *joinclient.Client // the JOIN client tool calls of this env use
	srv    *server.MCPServer
	mcp    *client.Client
	tools  []tools.Tool
	elicit *elicitor
}

func newFake(t *testing.T) *jointest.Server {
	t.Helper()
	fake := jointest.NewServer(jointest.Options{Now: func() time.Time { return fixedNow }})
	t.Cleanup(fake.Close)
	return fake
}

// newEnv starts the fake JOIN and a joinclient for it, picks the MCP server
// (see serverFor), connects an in-process MCP client in the asked protocol
// era and empties the fake's request log.
func newEnv(t *testing.T, s setup) *env {
	t.Helper()
	fake := s.fake
	if fake == nil {
		fake = newFake(t)
	}
	token := s.token
	if token == "" {
		token = fake.Token()
	}
	// Its own transport: httptest.Server.Close closes the idle connections
	// of http.DefaultTransport, which breaks requests of parallel tests.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	jc, err := joinclient.New(token,
		joinclient.WithBaseURL(fake.URL()),
		joinclient.WithHTTPClient(&http.Client{Transport: tools.StatsTransport{Base: transport}}),
		joinclient.WithRateLimit(0, 0),
		joinclient.WithSleep(func(context.Context, time.Duration) error { return nil }),
		joinclient.WithRetryPolicy(joinclient.RetryPolicy{MaxAttempts: s.maxAttempts}),
	)
	require.NoError(t, err)
	srv, selected := serverFor(t, s)
	var opts []client.ClientOption
	if s.protocol != "" {
		opts = append(opts, client.WithProtocolVersion(s.protocol))
	}
	if s.elicit != nil {
		opts = append(opts, client.WithElicitationHandler(s.elicit))
	}
	c, err := client.NewInProcessClientWithOptions(srv, opts...)
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, c.Start(ctx))
	t.Cleanup(func() { _ = c.Close() })
	init := mcp.InitializeRequest{}
	init.Params.ClientInfo = mcp.Implementation{Name: "tools-test", Version: "test"}
	res, err := c.Initialize(ctx, init)
	require.NoError(t, err)
	if s.protocol != "" {
		require.Equal(t, s.protocol, res.ProtocolVersion)
	} else {
		require.True(t, mcp.IsModernProtocol(c.ProtocolVersion()), "default client should speak the 2026-07-28 core, got %s", c.ProtocolVersion())
	}
	fake.ResetRequests()
	return &env{t: t, fake: fake, jc: jc, srv: srv, mcp: c, tools: selected, elicit: s.elicit}
}

// joinClientKey carries an environment's JOIN client on the tools/call
// context. The in-process transport hands the caller's context to the
// server, so one MCP server can serve many environments, each with its own
// fake JOIN, the way an HTTP server resolves a JOIN client per request.
type joinClientKey struct{}

func joinClientFromContext(ctx context.Context) (*joinclient.Client, error) {
	if jc, ok := ctx.Value(joinClientKey{}).(*joinclient.Client); ok {
		return jc, nil
	}
	return nil, errors.New("test harness: no JOIN client on the request context")
}

var shared struct {
	once  sync.Once
	srv   *server.MCPServer
	tools []tools.Tool
	err   error
}

// serverFor returns the MCP server for s: one shared default server (building
// one costs ~100 ms under -race, mostly schema encoding), or a fresh one when
// s asks for a filter, a budget, a logger or its own ClientFunc.
func serverFor(t *testing.T, s setup) (*server.MCPServer, []tools.Tool) {
	t.Helper()
	custom := len(s.filter.Toolsets)+len(s.filter.Tools)+len(s.filter.Exclude) > 0 || s.filter.ReadOnly ||
		s.maxResultBytes != 0 || s.logger != nil || s.clientFunc != nil
	build := func() (*server.MCPServer, []tools.Tool, error) {
		clientFunc := s.clientFunc
		if clientFunc == nil {
			clientFunc = joinClientFromContext
		}
		logger := zerolog.Nop()
		if s.logger != nil {
			logger = *s.logger
		}
		return mcpserver.New(mcpserver.Config{
			Version: "test",
			Filter:  s.filter,
			Deps:    tools.Deps{Client: clientFunc, Logger: logger, MaxResultBytes: s.maxResultBytes},
		})
	}
	if custom {
		srv, selected, err := build()
		require.NoError(t, err)
		return srv, selected
	}
	shared.once.Do(func() { shared.srv, shared.tools, shared.err = build() })
	require.NoError(t, shared.err)
	return shared.srv, shared.tools
}

// in returns the environment bound to a subtest's t, so failures are
// reported (and FailNow stops) in the subtest.
func (e *env) in(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

func (e *env) store() *jointest.Store { return e.fake.Store(e.fake.Token()) }

// call runs a tool with raw JSON arguments and checks the invariants every
// result shares: a result that is not an error carries structuredContent and
// the same JSON, compact, as its first text block.
func (e *env) call(name, args string) *mcp.CallToolResult {
	e.t.Helper()
	req := callRequest(name, args)
	ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), joinClientKey{}, e.jc), 10*time.Second)
	defer cancel()
	res, err := e.mcp.CallTool(ctx, req)
	require.NoError(e.t, err, "tools/call %s must not be a protocol error", name)
	require.NotNil(e.t, res)
	require.NotEmpty(e.t, res.Content, "%s: result without content", name)
	if !res.IsError {
		require.NotNil(e.t, res.StructuredContent, "%s: result without structuredContent", name)
		want, err := json.Marshal(res.StructuredContent)
		require.NoError(e.t, err)
		text, ok := mcp.AsTextContent(res.Content[0])
		require.True(e.t, ok, "%s: first content block must be text", name)
		assert.JSONEq(e.t, string(want), text.Text, "%s: text block must equal structuredContent", name)
		var compact bytes.Buffer
		require.NoError(e.t, json.Compact(&compact, []byte(text.Text)))
		assert.Equal(e.t, compact.String(), text.Text, "%s: text JSON must be compact", name)
		e.conforms(name, want)
	}
	return res
}

func callRequest(name, args string) mcp.CallToolRequest {
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	if args != "" {
		req.Params.Arguments = json.RawMessage(args)
	}
	return req
}

// conforms validates structuredContent against the tool's output schema, as
// the TypeScript SDK does on the client side.
func (e *env) conforms(name string, structured []byte) {
	e.t.Helper()
	compiled := e.outputSchema(name)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(structured))
	require.NoError(e.t, err)
	assert.NoError(e.t, compiled.Validate(inst), "%s: structuredContent does not match the output schema", name)
}

var compiledSchemas sync.Map // raw output schema -> *jsonschema.Schema

func (e *env) outputSchema(name string) *jsonschema.Schema {
	e.t.Helper()
	var raw json.RawMessage
	for _, tool := range e.tools {
		if tool.Def.Name == name {
			raw = tool.Def.RawOutputSchema
		}
	}
	require.NotEmpty(e.t, raw, "%s has no output schema", name)
	if s, ok := compiledSchemas.Load(string(raw)); ok {
		return s.(*jsonschema.Schema)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	require.NoError(e.t, err)
	c := jsonschema.NewCompiler()
	require.NoError(e.t, c.AddResource("output.json", doc))
	compiled, err := c.Compile("output.json")
	require.NoError(e.t, err)
	compiledSchemas.Store(string(raw), compiled)
	return compiled
}

// ok calls a tool that must succeed and returns its structuredContent.
func (e *env) ok(name, args string) map[string]any {
	e.t.Helper()
	res := e.call(name, args)
	require.False(e.t, res.IsError, "%s %s: unexpected tool error: %s", name, args, textOf(res))
	m, ok := res.StructuredContent.(map[string]any)
	require.True(e.t, ok, "structuredContent must be an object, got %T", res.StructuredContent)
	return m
}

// fails calls a tool that must answer isError and returns the message.
func (e *env) fails(name, args string) string {
	e.t.Helper()
	res := e.call(name, args)
	require.True(e.t, res.IsError, "%s %s: expected a tool error, got %s", name, args, textOf(res))
	return textOf(res)
}

// textOf is the first text block of a result.
func textOf(res *mcp.CallToolResult) string {
	for _, c := range res.Content {
		if t, ok := mcp.AsTextContent(c); ok {
			return t.Text
		}
	}
	return ""
}

// sent is the fake's request log as "METHOD /path" lines.
func (e *env) sent() []string {
	var out []string
	for _, r := range e.fake.Requests() {
		line := r.Method + " " + r.Path
		if q := r.Query.Encode(); q != "" {
			line += "?" + q
		}
		out = append(out, line)
	}
	return out
}

// writes are the requests of the log that are not reads.
func (e *env) writes() []jointest.Request {
	var out []jointest.Request
	for _, r := range e.fake.Requests() {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			out = append(out, r)
		}
	}
	return out
}

// lastWrite asserts JOIN saw exactly one write and returns it.
func (e *env) lastWrite() jointest.Request {
	e.t.Helper()
	w := e.writes()
	require.Len(e.t, w, 1, "expected exactly one write, log: %v", e.sent())
	return w[0]
}

// expectNoRequests asserts JOIN was not called at all.
func (e *env) expectNoRequests() {
	e.t.Helper()
	assert.Empty(e.t, e.sent(), "no request may reach JOIN")
}

// expectNoWrites asserts JOIN saw reads only.
func (e *env) expectNoWrites() {
	e.t.Helper()
	for _, r := range e.fake.Requests() {
		assert.Contains(e.t, []string{http.MethodGet, http.MethodHead}, r.Method, "unexpected write %s %s", r.Method, r.Path)
	}
}

// elicitor is a client-side elicitation handler that answers with a fixed
// action and content and records what it was asked.
type elicitor struct {
	mu       sync.Mutex
	action   mcp.ElicitationResponseAction
	content  any
	requests []mcp.ElicitationRequest
}

func answering(action mcp.ElicitationResponseAction, content any) *elicitor {
	return &elicitor{action: action, content: content}
}

func (el *elicitor) Elicit(_ context.Context, req mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	el.mu.Lock()
	defer el.mu.Unlock()
	el.requests = append(el.requests, req)
	res := &mcp.ElicitationResult{}
	res.Action = el.action
	res.Content = el.content
	return res, nil
}

func (el *elicitor) asked() []mcp.ElicitationRequest {
	el.mu.Lock()
	defer el.mu.Unlock()
	return slices.Clone(el.requests)
}

func accept() *elicitor {
	return answering(mcp.ElicitationResponseActionAccept, map[string]any{"confirm": true})
}

// jsonOf re-decodes a value into generic JSON for comparisons.
func jsonOf(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

// bodyOf decodes a logged request body.
func bodyOf(t *testing.T, r jointest.Request) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.Body, &m), "body %q", r.Body)
	return m
}

func items(t *testing.T, sc map[string]any) []any {
	t.Helper()
	it, ok := sc["items"].([]any)
	require.True(t, ok, "items must be an array, got %T", sc["items"])
	return it
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
