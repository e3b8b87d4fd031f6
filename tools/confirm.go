package tools

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/join-mcp/join-mcp/schemas"
)

const elicitationID = "confirm"

// gate decides whether a write that overwrites, deletes or publishes may run.
// It returns nil to proceed, or the result to answer with instead:
//   - confirm not true: a needs_confirmation preview; nothing reaches JOIN;
//   - confirm true and the client can ask its human (legacy elicitation/create
//     or the 2026-07-28 input-required round trip): a form asking them; on the
//     retry, accept proceeds and decline or cancel answers "cancelled";
//   - confirm true and no elicitation: proceed on the flag.
func gate(ctx context.Context, c *call, confirmed bool, p schemas.Preview) any {
	if !confirmed {
		return &schemas.WriteResult{
			Status:  schemas.StatusNeedsConfirmation,
			Message: "Nothing was changed. Show this preview to the user; if they agree, call " + c.tool + " again with the same arguments and confirm=true.",
			Preview: &p,
		}
	}
	state := confirmState(c, p)
	if answer := server.ElicitationResponse(c.req.Params.InputResponses, elicitationID); answer != nil {
		if !accepted(answer) {
			return &schemas.WriteResult{
				Status:  schemas.StatusCancelled,
				Message: fmt.Sprintf("The user did not approve (%s); nothing was changed. Do not retry unless the user asks.", answer.Action),
				Preview: &p,
			}
		}
		// An approval counts only as the answer to the question this server
		// asked about this call and this preview: one sent with the first
		// call, or given for other arguments or a preview that has changed
		// since, is ignored and the user is asked (again).
		if c.req.Params.RequestState == state {
			return nil
		}
	}
	if !canElicit(ctx) {
		return nil
	}
	return server.NewInputRequestBuilder(state).Elicit(elicitationID, mcp.ElicitationParams{
		Message: p.Action + confirmSuffix(p),
		RequestedSchema: map[string]any{
			"type": "object",
			"properties": map[string]any{
				"confirm": map[string]any{
					"type":        "boolean",
					"title":       "Apply this change in JOIN",
					"description": p.Request,
					"default":     false,
				},
			},
			"required": []string{"confirm"},
		},
	}).ToolResult()
}

// confirmState binds an elicitation to the tool, its arguments and the
// preview the user is shown. It is a plain hash, not a secret, so stateless
// replicas agree on it; it cannot stop a client that fabricates its user's
// answers (nothing on the server can), only answers that belong to another
// question.
func confirmState(c *call, p schemas.Preview) string {
	h := sha256.New()
	h.Write([]byte(c.tool))
	h.Write([]byte{0})
	canonical, _ := json.Marshal(c.args) // map keys sorted: the same arguments, the same state
	h.Write(canonical)
	h.Write([]byte{0})
	preview, _ := json.Marshal(p)
	h.Write(preview)
	return "confirm-v1:" + hex.EncodeToString(h.Sum(nil))
}

func confirmSuffix(p schemas.Preview) string {
	s := ""
	for _, w := range p.Warnings {
		s += "\n⚠ " + w
	}
	return s
}

func accepted(r *mcp.ElicitationResult) bool {
	if r.Action != mcp.ElicitationResponseActionAccept {
		return false
	}
	content, ok := r.Content.(map[string]any)
	if !ok {
		return r.Content == nil
	}
	v, present := content["confirm"]
	return !present || v == true
}

// canElicit reports whether the client can put a question to its user in
// this request: per request on 2026-07-28, per session before.
func canElicit(ctx context.Context) bool {
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		return info.ClientCapabilities != nil && info.ClientCapabilities.Elicitation != nil
	}
	session := server.ClientSessionFromContext(ctx)
	withInfo, ok := session.(server.SessionWithClientInfo)
	if !ok || withInfo.GetClientCapabilities().Elicitation == nil {
		return false
	}
	// A stateless HTTP request has no channel for a server-initiated request.
	_, canSend := session.(server.SessionWithElicitation)
	return canSend && !isStateless(ctx)
}

type statelessKey struct{}

// WithStateless marks a request as served without a session (stateless HTTP).
func WithStateless(ctx context.Context) context.Context {
	return context.WithValue(ctx, statelessKey{}, true)
}

func isStateless(ctx context.Context) bool { v, _ := ctx.Value(statelessKey{}).(bool); return v }

// diff lists the fields a request would set with their current values. Both
// sides are compared as JSON so struct and map shapes line up.
func diff(current, request any) []schemas.Change {
	cur := asMap(current)
	req := asMap(request)
	keys := make([]string, 0, len(req))
	for k := range req {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []schemas.Change
	for _, k := range keys {
		from, to := cur[k], req[k]
		if from != nil && reflect.DeepEqual(from, to) {
			continue
		}
		out = append(out, schemas.Change{Field: k, From: from, To: to})
	}
	return out
}

func asMap(v any) map[string]any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}
