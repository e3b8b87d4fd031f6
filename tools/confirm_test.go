package tools_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
)

// gatedCase describes one tool that overwrites, deletes or publishes.
type gatedCase struct {
	tool string
	args string // without confirm
	// mentions must appear in the preview's action and the elicitation message.
	mentions []string
	// reads are the requests the preview needs (GETs), in order.
	reads []string
	// write is the one write "METHOD /path"; body its JSON ("" for none).
	write, body string
	// preview checks the preview against the state before the call.
	preview func(t *testing.T, p map[string]any)
	// applied reports whether the change is in the fake's state.
	applied func(st *jointest.Store) bool
}

// gatedCases builds the table from the seeded data. The seed is
// deterministic, so ids found in one fake are valid in every fresh fake.
func gatedCases(t *testing.T) []gatedCase {
	st := newFake(t).Store(jointest.DefaultToken)
	app := taggedApp(t, st)
	appCand := candidateOf(t, st, app.CandidateID)
	noteCand, notes := notedCandidate(t, st)
	newTags := []string{"Shortlist", app.Tags[0]}
	munich, ok := st.Office(2002)
	require.True(t, ok)

	changes := func(t *testing.T, p map[string]any) []any {
		t.Helper()
		ch, ok := p["changes"].([]any)
		require.True(t, ok, "preview.changes: %v", p)
		return ch
	}
	change := func(t *testing.T, p map[string]any, field string, from, to any) {
		t.Helper()
		for _, c := range changes(t, p) {
			c := c.(map[string]any)
			if c["field"] == field {
				assert.Equal(t, jsonOf(t, from), c["from"], "changes[%s].from is the current value", field)
				assert.Equal(t, jsonOf(t, to), c["to"], "changes[%s].to", field)
				return
			}
		}
		t.Errorf("preview has no change of %s: %v", field, p["changes"])
	}
	jobStatus := func(id joinclient.ID, want string) func(*jointest.Store) bool {
		return func(st *jointest.Store) bool { j, _ := st.Job(id); return j.Status == want }
	}

	return []gatedCase{
		{
			tool: "join_update_job", args: `{"jobId":3001,"title":"Senior Backend Engineer (Go)"}`,
			mentions: []string{"3001", "Backend Engineer (Go)"},
			reads:    []string{"GET /jobs/3001"},
			write:    "PATCH /jobs/3001", body: `{"title":"Senior Backend Engineer (Go)"}`,
			preview: func(t *testing.T, p map[string]any) {
				change(t, p, "title", "Backend Engineer (Go)", "Senior Backend Engineer (Go)")
				assert.Len(t, changes(t, p), 1, "only the given fields change")
				assert.Contains(t, fmt.Sprint(p["warnings"]), "ONLINE", "the job is public")
			},
			applied: func(st *jointest.Store) bool { j, _ := st.Job(3001); return j.Title == "Senior Backend Engineer (Go)" },
		},
		{
			tool: "join_update_job_status", args: `{"jobId":3007,"status":"ONLINE"}`,
			mentions: []string{"3007", "OFFLINE", "ONLINE"},
			reads:    []string{"GET /jobs/3007"},
			write:    "PATCH /jobs/3007/changeStatus", body: `{"status":"ONLINE"}`,
			preview: func(t *testing.T, p map[string]any) {
				change(t, p, "status", "OFFLINE", "ONLINE")
				assert.Contains(t, fmt.Sprint(p["warnings"]), "multipost")
			},
			applied: jobStatus(3007, "ONLINE"),
		},
		{
			tool: "join_activate_job", args: `{"jobId":3007}`,
			mentions: []string{"3007", "ONLINE"},
			reads:    []string{"GET /jobs/3007"},
			write:    "PATCH /jobs/3007/activate",
			preview:  func(t *testing.T, p map[string]any) { change(t, p, "status", "OFFLINE", "ONLINE") },
			applied:  jobStatus(3007, "ONLINE"),
		},
		{
			tool: "join_archive_job", args: `{"jobId":3002}`,
			mentions: []string{"3002", "Junior Product Designer", "ARCHIVED"},
			reads:    []string{"GET /jobs/3002"},
			write:    "PATCH /jobs/3002/archive",
			preview: func(t *testing.T, p map[string]any) {
				change(t, p, "status", "ONLINE", "ARCHIVED")
				assert.Contains(t, fmt.Sprint(p["warnings"]), "closed")
			},
			applied: jobStatus(3002, "ARCHIVED"),
		},
		{
			tool: "join_delete_application", args: fmt.Sprintf(`{"applicationId":%d}`, app.ID),
			mentions: []string{fmt.Sprint(app.ID), appCand.FirstName + " " + appCand.LastName, "Backend Engineer (Go)"},
			reads:    []string{fmt.Sprintf("GET /applications/%d", app.ID)},
			write:    fmt.Sprintf("DELETE /applications/%d", app.ID),
			preview: func(t *testing.T, p map[string]any) {
				cur := p["current"].(map[string]any)
				assert.EqualValues(t, app.ID, cur["id"])
				assert.Equal(t, appCand.Email, cur["candidate"].(map[string]any)["email"])
				assert.Contains(t, fmt.Sprint(p["warnings"]), "cannot be undone")
			},
			applied: func(st *jointest.Store) bool { _, ok := st.Application(app.ID); return !ok },
		},
		{
			tool: "join_update_application_tags", args: fmt.Sprintf(`{"applicationId":%d,"tags":["Shortlist",%q]}`, app.ID, app.Tags[0]),
			mentions: []string{fmt.Sprint(app.ID), "Shortlist"},
			reads:    []string{fmt.Sprintf("GET /applications/%d", app.ID)},
			write:    fmt.Sprintf("PATCH /applications/%d/tags", app.ID), body: string(must(jsonMarshal(map[string]any{"tags": newTags}))),
			preview: func(t *testing.T, p map[string]any) { change(t, p, "tags", app.Tags, newTags) },
			applied: func(st *jointest.Store) bool {
				a, _ := st.Application(app.ID)
				return slices.Equal(a.Tags, newTags)
			},
		},
		{
			tool: "join_update_candidate_note", args: fmt.Sprintf(`{"candidateId":%d,"noteId":%d,"content":"Edited: strong on-site interview."}`, noteCand.ID, notes[0].ID),
			mentions: []string{fmt.Sprint(notes[0].ID), fmt.Sprint(noteCand.ID)},
			reads:    []string{fmt.Sprintf("GET /candidates/%d/notes?page=1&pageSize=50", noteCand.ID)},
			write:    fmt.Sprintf("PATCH /candidates/%d/notes/%d", noteCand.ID, notes[0].ID), body: `{"content":"Edited: strong on-site interview."}`,
			preview: func(t *testing.T, p map[string]any) {
				change(t, p, "content", notes[0].Content, "Edited: strong on-site interview.")
			},
			applied: func(st *jointest.Store) bool {
				return st.Notes(noteCand.ID)[0].Content == "Edited: strong on-site interview."
			},
		},
		{
			tool: "join_delete_candidate_note", args: fmt.Sprintf(`{"candidateId":%d,"noteId":%d}`, noteCand.ID, notes[1].ID),
			mentions: []string{fmt.Sprint(notes[1].ID), fmt.Sprint(noteCand.ID)},
			reads:    []string{fmt.Sprintf("GET /candidates/%d/notes?page=1&pageSize=50", noteCand.ID)},
			write:    fmt.Sprintf("DELETE /candidates/%d/notes/%d", noteCand.ID, notes[1].ID),
			preview: func(t *testing.T, p map[string]any) {
				cur := p["current"].(map[string]any)
				assert.EqualValues(t, notes[1].ID, cur["id"])
				assert.Equal(t, notes[1].Content, cur["content"])
			},
			applied: func(st *jointest.Store) bool { return len(st.Notes(noteCand.ID)) == len(notes)-1 },
		},
		{
			tool: "join_update_candidate", args: fmt.Sprintf(`{"candidateId":%d,"firstName":"Renamed","phone":"+49 30 1234567"}`, appCand.ID),
			mentions: []string{fmt.Sprint(appCand.ID)},
			reads:    nil, // JOIN has no candidate read endpoint
			write:    fmt.Sprintf("PATCH /candidates/%d", appCand.ID), body: `{"firstName":"Renamed","phone":"+49 30 1234567"}`,
			preview: func(t *testing.T, p map[string]any) {
				change(t, p, "firstName", nil, "Renamed")
				change(t, p, "phone", nil, "+49 30 1234567")
				assert.Contains(t, fmt.Sprint(p["warnings"]), "join_get_application", "it says where to see the current values")
			},
			applied: func(st *jointest.Store) bool { c, _ := st.Candidate(appCand.ID); return c.FirstName == "Renamed" },
		},
		{
			tool: "join_update_office", args: `{"officeId":2002,"name":"Munich Campus","postalCode":"80803"}`,
			mentions: []string{"2002", munich.Name},
			reads:    []string{"GET /offices/2002"},
			write:    "PATCH /offices/2002", body: `{"name":"Munich Campus","postalCode":"80803"}`,
			preview: func(t *testing.T, p map[string]any) {
				change(t, p, "name", munich.Name, "Munich Campus")
				change(t, p, "postalCode", munich.PostalCode, "80803")
				assert.Len(t, changes(t, p), 2)
			},
			applied: func(st *jointest.Store) bool { o, _ := st.Office(2002); return o.Name == "Munich Campus" },
		},
		{
			tool: "join_create_job", args: `{` + newJobArgs + `,"status":"ONLINE"}`,
			mentions: []string{"Platform Engineer", "publish"},
			reads:    nil,
			write:    "POST /jobs",
			body:     `{"title":"Platform Engineer","description":"<p>Build our platform.</p>","categoryId":103,"language":"en","employmentTypeId":1,"officeId":2001,"status":"ONLINE"}`,
			preview: func(t *testing.T, p map[string]any) {
				assert.Equal(t, "ONLINE", p["current"].(map[string]any)["status"])
				assert.Contains(t, fmt.Sprint(p["warnings"]), "multipost")
			},
			applied: func(st *jointest.Store) bool {
				for _, j := range st.Jobs() {
					if j.Title == "Platform Engineer" && j.Status == "ONLINE" {
						return true
					}
				}
				return false
			},
		},
	}
}

func withConfirm(args string, confirm bool) string {
	return args[:len(args)-1] + fmt.Sprintf(`,"confirm":%t}`, confirm)
}

func (gc gatedCase) expectNotApplied(e *env) {
	e.t.Helper()
	assert.False(e.t, gc.applied(e.store()), "%s: the change must not reach JOIN", gc.tool)
	e.expectNoWrites()
}

// expectApplied checks the one write, its body and the new state.
func (gc gatedCase) expectApplied(e *env, sc map[string]any) {
	e.t.Helper()
	assert.Equal(e.t, "done", sc["status"], "message: %v", sc["message"])
	w := e.lastWrite()
	assert.Equal(e.t, gc.write, w.Method+" "+w.Path)
	if gc.body == "" {
		assert.Empty(e.t, w.Body, "%s sends no body", gc.write)
	} else {
		assert.JSONEq(e.t, gc.body, string(w.Body))
	}
	assert.True(e.t, gc.applied(e.store()), "%s: the fake's state must show the change", gc.tool)
	for _, r := range e.sent() {
		if r != gc.write {
			assert.Contains(e.t, gc.reads, r, "only the preview's reads and the write reach JOIN")
		}
	}
}

func TestGated_WithoutConfirmPreviews(t *testing.T) {
	for _, gc := range gatedCases(t) {
		t.Run(gc.tool, func(t *testing.T) {
			t.Parallel()
			// An elicitation-capable client: even it is not asked without confirm.
			e := newEnv(t, setup{elicit: accept()})
			for _, args := range []string{gc.args, withConfirm(gc.args, false)} {
				e.fake.ResetRequests()
				sc := e.ok(gc.tool, args)
				assert.Equal(t, "needs_confirmation", sc["status"])
				assert.Contains(t, sc["message"], "confirm=true")
				assert.Contains(t, sc["message"], "Nothing was changed")
				p, ok := sc["preview"].(map[string]any)
				require.True(t, ok, "a preview is present")
				assert.Equal(t, gc.write, p["request"], "the preview names the JOIN call")
				for _, m := range gc.mentions {
					assert.Contains(t, p["action"], m)
				}
				gc.preview(t, p)
				if gc.reads == nil {
					e.expectNoRequests()
				} else {
					assert.Equal(t, gc.reads, e.sent(), "a preview only reads")
				}
				gc.expectNotApplied(e)
				assert.Empty(t, e.elicit.asked())
			}
		})
	}
}

func TestGated_ConfirmWithoutElicitationWrites(t *testing.T) {
	for _, proto := range []string{"", legacyProtocol} {
		for _, gc := range gatedCases(t) {
			t.Run(eraName(proto)+"/"+gc.tool, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t, setup{protocol: proto})
				sc := e.ok(gc.tool, withConfirm(gc.args, true))
				gc.expectApplied(e, sc)
				assert.Equal(t, append(slices.Clone(gc.reads), gc.write), e.sent(), "reads once, then writes")
				assert.NotContains(t, sc, "preview")
			})
		}
	}
}

func eraName(proto string) string {
	if proto == "" {
		return "2026-07-28"
	}
	return proto
}

// TestGated_Elicitation runs the elicitation answers through both protocol
// eras for every gated tool: the legacy server-initiated elicitation/create
// and the 2026-07-28 input-required round trip.
func TestGated_Elicitation(t *testing.T) {
	type answer struct {
		name    string
		action  mcp.ElicitationResponseAction
		content any
		writes  bool
		reason  string
	}
	answers := []answer{
		{"accept", mcp.ElicitationResponseActionAccept, map[string]any{"confirm": true}, true, ""},
		{"decline", mcp.ElicitationResponseActionDecline, nil, false, "decline"},
		{"cancel", mcp.ElicitationResponseActionCancel, nil, false, "cancel"},
		{"accept unticked", mcp.ElicitationResponseActionAccept, map[string]any{"confirm": false}, false, "accept"},
	}
	// One parallel subtest per tool. Answers that must not write share one
	// fake JOIN (seeding is the expensive part of an environment) and run
	// one after another, so each sees only its own requests; an accept gets
	// a fresh fake.
	for _, gc := range gatedCases(t) {
		t.Run(gc.tool, func(t *testing.T) {
			t.Parallel()
			untouched := newFake(t)
			for _, proto := range []string{legacyProtocol, ""} {
				for _, a := range answers {
					t.Run(eraName(proto)+"/"+a.name, func(t *testing.T) {
						s := setup{protocol: proto, elicit: answering(a.action, a.content)}
						if !a.writes {
							s.fake = untouched
						}
						e := newEnv(t, s)
						sc := e.ok(gc.tool, withConfirm(gc.args, true))

						asked := s.elicit.asked()
						require.Len(t, asked, 1, "the user is asked exactly once")
						msg := asked[0].Params.Message
						for _, m := range gc.mentions {
							assert.Contains(t, msg, m, "the question names the action")
						}
						schema, ok := asked[0].Params.RequestedSchema.(map[string]any)
						require.True(t, ok, "a form schema: %T", asked[0].Params.RequestedSchema)
						confirm := schema["properties"].(map[string]any)["confirm"].(map[string]any)
						assert.Equal(t, "boolean", confirm["type"])
						assert.Equal(t, gc.write, confirm["description"], "the form says which JOIN call it approves")

						if a.writes {
							gc.expectApplied(e, sc)
							return
						}
						assert.Equal(t, "cancelled", sc["status"])
						assert.Contains(t, sc["message"], a.reason)
						assert.Contains(t, sc["message"], "nothing was changed")
						assert.NotNil(t, sc["preview"])
						gc.expectNotApplied(e)
					})
				}
			}
		})
	}
}

// TestGated_ElicitationAcceptWithoutContent: a client that accepts with no
// content (a plain "OK" button) approves; only an explicit false refuses.
func TestGated_ElicitationAcceptWithoutContent(t *testing.T) {
	gc := gatedCases(t)[1] // join_update_job_status
	for _, proto := range []string{legacyProtocol, ""} {
		t.Run(eraName(proto), func(t *testing.T) {
			e := newEnv(t, setup{protocol: proto, elicit: answering(mcp.ElicitationResponseActionAccept, nil)})
			sc := e.ok(gc.tool, withConfirm(gc.args, true))
			gc.expectApplied(e, sc)
		})
	}
}

// TestGated_UnknownID: the preview read answers 404, so the tool stops with
// a helpful error before any write, with or without confirm.
func TestGated_UnknownID(t *testing.T) {
	e := newEnv(t, setup{elicit: accept()})
	tests := []struct{ tool, args, path string }{
		{"join_update_job", `{"jobId":999999,"title":"X"}`, "/jobs/999999"},
		{"join_update_job_status", `{"jobId":999999,"status":"ONLINE"}`, "/jobs/999999"},
		{"join_activate_job", `{"jobId":999999}`, "/jobs/999999"},
		{"join_archive_job", `{"jobId":999999}`, "/jobs/999999"},
		{"join_delete_application", `{"applicationId":999999}`, "/applications/999999"},
		{"join_update_application_tags", `{"applicationId":999999,"tags":["x"]}`, "/applications/999999"},
		{"join_update_office", `{"officeId":999999,"name":"X"}`, "/offices/999999"},
	}
	for _, tc := range tests {
		for _, confirm := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s confirm=%t", tc.tool, confirm), func(t *testing.T) {
				e := e.in(t)
				e.fake.ResetRequests()
				msg := e.fails(tc.tool, withConfirm(tc.args, confirm))
				assert.True(t, contains(msg, "404", tc.path, "Check the id"), msg)
				assert.Equal(t, []string{"GET " + tc.path}, e.sent(), "one read, no write")
			})
		}
	}
	assert.Empty(t, e.elicit.asked(), "nobody is asked about a change that cannot happen")
}
