// Package tools turns every JOIN API operation into an MCP tool: a typed
// input struct (schemas package) validated before anything runs, a handler
// that calls joinclient, and a structured result. Writes that overwrite,
// delete or publish go through the confirmation gate in confirm.go.
package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/schemas"
)

// Toolsets in the order the README and the instructions list them.
var Toolsets = []string{"jobs", "applications", "lookups", "offices", "candidates", "attachments"}

// ClientFunc returns the JOIN client for the request in ctx; HTTP servers
// with one JOIN token per caller resolve it per request.
type ClientFunc func(ctx context.Context) (*joinclient.Client, error)

// Deps is what the tool handlers need.
type Deps struct {
	Client         ClientFunc
	Logger         zerolog.Logger
	MaxResultBytes int // results above this are truncated with a notice; 0 means DefaultMaxResultBytes
	// Lookups caches reference lists; shared with resources and completions.
	// Nil means no caching.
	Lookups *LookupCache
}

// DefaultMaxResultBytes keeps one result well inside a model's context.
const DefaultMaxResultBytes = 100_000

// Tool is one registered tool with the facts the registry filters on.
type Tool struct {
	Def     mcp.Tool
	Toolset string
	// Confirm says the tool has a confirm flag: it overwrites, deletes or
	// publishes and never writes without confirm:true.
	Confirm bool
	Handler server.ToolHandlerFunc
}

// ReadOnly reports the tool's read-only hint.
func (t Tool) ReadOnly() bool {
	return t.Def.Annotations.ReadOnlyHint != nil && *t.Def.Annotations.ReadOnlyHint
}

// Destructive reports the tool's destructive hint.
func (t Tool) Destructive() bool {
	return t.Def.Annotations.DestructiveHint != nil && *t.Def.Annotations.DestructiveHint
}

// spec is the static description of a tool.
type spec struct {
	name, title, description, toolset string
	readOnly, destructive, idempotent bool
	confirm                           bool
	output                            *jsonschema.Schema
}

// call is what a handler gets besides its input.
type call struct {
	client *joinclient.Client
	req    mcp.CallToolRequest
	args   any // the arguments as decoded for validation
	deps   Deps
	tool   string
}

// handlerFunc returns the structured result (any JSON-able value) or a full
// *mcp.CallToolResult when it needs to shape the result itself.
type handlerFunc[In any] func(ctx context.Context, c *call, in In) (any, error)

// typed builds a Tool whose input schema comes from In. Arguments are
// validated against that schema with messages a model can act on, decoded
// into In, and handed to h. Errors become tool results with isError set;
// a panic becomes one too, so a bug never kills the server.
func typed[In any](d Deps, s spec, h handlerFunc[In]) Tool {
	in := schemas.InputSchema[In]()
	def := mcp.NewToolWithRawSchema(s.name, s.description, schemas.Raw(in))
	def.Title = s.title
	def.RawOutputSchema = schemas.Raw(s.output)
	def.Annotations = mcp.ToolAnnotation{
		Title:           s.title,
		ReadOnlyHint:    mcp.ToBoolPtr(s.readOnly),
		DestructiveHint: mcp.ToBoolPtr(s.destructive),
		IdempotentHint:  mcp.ToBoolPtr(s.idempotent),
		OpenWorldHint:   mcp.ToBoolPtr(true), // every tool talks to JOIN
	}
	handler := func(ctx context.Context, req mcp.CallToolRequest) (result *mcp.CallToolResult, err error) {
		start := time.Now()
		ctx, stats := withStats(ctx)
		defer func() {
			if r := recover(); r != nil {
				d.Logger.Error().Str("tool", s.name).Interface("panic", r).Msg("tool handler panicked")
				result, err = errorResult(fmt.Sprintf("join-mcp hit an internal error in %s; this is a bug, please report it. The JOIN data was not changed by this call unless a write had already been sent.", s.name)), nil
			}
			isError := result != nil && result.IsError
			d.Logger.Debug().Str("tool", s.name).Dur("duration", time.Since(start)).
				Int("upstreamCalls", stats.calls()).Int("upstreamStatus", stats.lastStatus()).
				Bool("isError", isError).Msg("tool call")
			logToClient(ctx, s.name, time.Since(start), stats, isError)
		}()

		raw, args, perr := arguments(req)
		if perr != nil {
			return errorResult(fmt.Sprintf("Invalid arguments for %s: %v", s.name, perr)), nil
		}
		if problems := schemas.Validate(in, args); len(problems) > 0 {
			return errorResult(fmt.Sprintf("Invalid arguments for %s: %s.", s.name, strings.Join(problems, "; "))), nil
		}
		var input In
		if err := json.Unmarshal(raw, &input); err != nil {
			return errorResult(fmt.Sprintf("Invalid arguments for %s: %v", s.name, err)), nil
		}
		client, cerr := d.Client(ctx)
		if cerr != nil {
			return errorResult(cerr.Error()), nil
		}
		out, herr := h(ctx, &call{client: client, req: req, args: args, deps: d, tool: s.name}, input)
		if herr != nil {
			return errorResult(describeError(s, herr)), nil
		}
		if r, ok := out.(*mcp.CallToolResult); ok {
			return r, nil
		}
		return structuredResult(out, d.maxResultBytes()), nil
	}
	return Tool{Def: def, Toolset: s.toolset, Confirm: s.confirm, Handler: handler}
}

func (d Deps) maxResultBytes() int {
	if d.MaxResultBytes > 0 {
		return d.MaxResultBytes
	}
	return DefaultMaxResultBytes
}

// arguments returns the raw JSON arguments (an empty object when absent) and
// their generic decoding for validation.
func arguments(req mcp.CallToolRequest) (json.RawMessage, any, error) {
	raw := req.Params.RawArguments
	if len(raw) == 0 {
		if req.Params.Arguments == nil {
			raw = json.RawMessage("{}")
		} else {
			b, err := json.Marshal(req.Params.Arguments)
			if err != nil {
				return nil, nil, err
			}
			raw = b
		}
	}
	if string(raw) == "null" {
		raw = json.RawMessage("{}")
	}
	var args any
	if err := json.Unmarshal(raw, &args); err != nil {
		return nil, nil, fmt.Errorf("arguments are not valid JSON: %v", err)
	}
	return raw, args, nil
}

// All returns every tool, sorted by name.
func All(d Deps) []Tool {
	var all []Tool
	all = append(all, jobTools(d)...)
	all = append(all, applicationTools(d)...)
	all = append(all, lookupTools(d)...)
	all = append(all, officeTools(d)...)
	all = append(all, candidateTools(d)...)
	all = append(all, attachmentTools(d)...)
	all = append(all, workflowTools(d)...)
	sort.Slice(all, func(i, j int) bool { return all[i].Def.Name < all[j].Def.Name })
	return all
}

// Filter selects tools. Toolsets and Tools add, Exclude removes, ReadOnly
// removes every write tool and wins over everything.
type Filter struct {
	Toolsets []string // empty with empty Tools means all toolsets
	Tools    []string
	Exclude  []string
	ReadOnly bool
}

// Select applies f to all, refusing unknown toolset or tool names so a typo
// never silently changes what a user exposes.
func Select(all []Tool, f Filter) ([]Tool, error) {
	names := make([]string, len(all))
	for i, t := range all {
		names[i] = t.Def.Name
	}
	for _, ts := range f.Toolsets {
		if ts != "all" && !slices.Contains(Toolsets, ts) {
			return nil, fmt.Errorf("unknown toolset %q; valid toolsets are %s, all", ts, strings.Join(Toolsets, ", "))
		}
	}
	for _, list := range [][]string{f.Tools, f.Exclude} {
		for _, n := range list {
			if !slices.Contains(names, n) {
				return nil, fmt.Errorf("unknown tool %q; valid tools are %s", n, strings.Join(names, ", "))
			}
		}
	}
	sets := f.Toolsets
	if len(sets) == 0 && len(f.Tools) == 0 || slices.Contains(sets, "all") {
		sets = Toolsets
	}
	var out []Tool
	for _, t := range all {
		if !slices.Contains(sets, t.Toolset) && !slices.Contains(f.Tools, t.Def.Name) {
			continue
		}
		if slices.Contains(f.Exclude, t.Def.Name) || f.ReadOnly && !t.ReadOnly() {
			continue
		}
		out = append(out, t)
	}
	return out, nil
}

// ServerTools converts tools for server.AddTools.
func ServerTools(ts []Tool) []server.ServerTool {
	out := make([]server.ServerTool, len(ts))
	for i, t := range ts {
		out[i] = server.ServerTool{Tool: t.Def, Handler: t.Handler}
	}
	return out
}

// logToClient sends the same facts as the debug log line to the client, as
// an MCP log message at debug level (sent only if the client asked for it).
// It goes out before the result so no transport can drop it.
func logToClient(ctx context.Context, tool string, took time.Duration, stats *callStats, isError bool) {
	srv := server.ServerFromContext(ctx)
	if srv == nil {
		return
	}
	_ = srv.SendLogMessageToClient(ctx, mcp.NewLoggingMessageNotification(mcp.LoggingLevelDebug, "join-mcp", map[string]any{
		"tool": tool, "durationMs": took.Milliseconds(), "upstreamCalls": stats.calls(),
		"upstreamStatus": stats.lastStatus(), "isError": isError,
	}))
}
