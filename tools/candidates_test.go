package tools_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
)

func TestListCandidateNotesTool(t *testing.T) {
	e := newEnv(t, setup{})
	cand, notes := notedCandidate(t, e.store())

	t.Run("all", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_candidate_notes", fmt.Sprintf(`{"candidateId":%d}`, cand.ID))
		assert.Equal(t, []string{fmt.Sprintf("GET /candidates/%d/notes?page=1&pageSize=20", cand.ID)}, e.sent())
		assert.EqualValues(t, cand.ID, sc["candidateId"])
		assert.EqualValues(t, len(notes), sc["returned"])
		assert.Equal(t, false, sc["hasMore"])
		list := items(t, sc)
		require.Len(t, list, len(notes))
		for i, it := range list {
			n := it.(map[string]any)
			assert.EqualValues(t, notes[i].ID, n["id"], "oldest first")
			assert.Equal(t, notes[i].Content, n["content"])
		}
	})

	t.Run("paging", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_candidate_notes", fmt.Sprintf(`{"candidateId":%d,"pageSize":1}`, cand.ID))
		assert.Equal(t, []string{fmt.Sprintf("GET /candidates/%d/notes?page=1&pageSize=1", cand.ID)}, e.sent())
		assert.Equal(t, true, sc["hasMore"])
		assert.EqualValues(t, notes[0].ID, items(t, sc)[0].(map[string]any)["id"])

		sc = e.ok("join_list_candidate_notes", fmt.Sprintf(`{"candidateId":%d,"pageSize":1,"page":2}`, cand.ID))
		assert.EqualValues(t, 2, sc["page"])
		assert.EqualValues(t, notes[1].ID, items(t, sc)[0].(map[string]any)["id"])

		sc = e.ok("join_list_candidate_notes", fmt.Sprintf(`{"candidateId":%d,"pageSize":50,"page":2}`, cand.ID))
		assert.Equal(t, false, sc["hasMore"])
		assert.Empty(t, items(t, sc), "an empty page is an empty array, not null")
	})

	t.Run("unknown candidate", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		msg := e.fails("join_list_candidate_notes", `{"candidateId":999999}`)
		assert.True(t, contains(msg, "404", "/candidates/999999/notes"), msg)
		assert.Len(t, e.sent(), 1)
	})
}

func TestCreateCandidateNoteTool(t *testing.T) {
	e := newEnv(t, setup{})
	cand := unnotedCandidate(t, e.store())
	sc := e.ok("join_create_candidate_note", fmt.Sprintf(`{"candidateId":%d,"content":"Strong Go skills; invite to round two."}`, cand.ID))
	assert.Equal(t, "done", sc["status"])
	id := joinclient.ID(num(sc["id"]))
	assert.Contains(t, sc["message"], fmt.Sprint(cand.ID))

	w := e.lastWrite()
	assert.Equal(t, []string{fmt.Sprintf("POST /candidates/%d/notes", cand.ID)}, e.sent())
	assert.JSONEq(t, `{"content":"Strong Go skills; invite to round two."}`, string(w.Body))
	notes := e.store().Notes(cand.ID)
	require.Len(t, notes, 1)
	assert.Equal(t, id, notes[0].ID)
	assert.Equal(t, "Strong Go skills; invite to round two.", notes[0].Content)

	e.fake.ResetRequests()
	msg := e.fails("join_create_candidate_note", `{"candidateId":999999,"content":"x"}`)
	assert.True(t, contains(msg, "404", "/candidates/999999/notes"), msg)
	assert.Equal(t, []string{"POST /candidates/999999/notes"}, e.sent())
}

// TestCandidateGatedTools404 covers unknown ids on the gated candidate
// tools; their confirmation paths are in confirm_test.go.
func TestCandidateGatedTools404(t *testing.T) {
	e := newEnv(t, setup{})
	cand, notes := notedCandidate(t, e.store())

	for tool, extra := range map[string]string{"join_update_candidate_note": `,"content":"x"`, "join_delete_candidate_note": ""} {
		t.Run(tool+" unknown candidate", func(t *testing.T) {
			e := e.in(t)
			e.fake.ResetRequests()
			msg := e.fails(tool, `{"candidateId":999999,"noteId":1,"confirm":true`+extra+`}`)
			assert.True(t, contains(msg, "404", "/candidates/999999/notes"), msg)
			e.expectNoWrites()
		})
		t.Run(tool+" unknown note", func(t *testing.T) {
			e := e.in(t)
			e.fake.ResetRequests()
			msg := e.fails(tool, fmt.Sprintf(`{"candidateId":%d,"noteId":999999,"confirm":true%s}`, cand.ID, extra))
			assert.True(t, contains(msg, "noteId", "has no note 999999", "join_list_candidate_notes"), msg)
			e.expectNoWrites()
			assert.Len(t, e.store().Notes(cand.ID), len(notes))
		})
	}

	t.Run("join_update_candidate unknown candidate", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		msg := e.fails("join_update_candidate", `{"candidateId":999999,"firstName":"X","confirm":true}`)
		assert.True(t, contains(msg, "404", "/candidates/999999"), msg)
		assert.Equal(t, []string{"PATCH /candidates/999999"}, e.sent())
	})
}
