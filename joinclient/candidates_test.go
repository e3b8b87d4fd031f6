package joinclient

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCandidatesService_Update(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/candidates/55", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testBody(t, r, `{"lastName": "Roe", "email": "jane.roe@example.com"}`)
		writeJSON(w, http.StatusOK, `{"id": 55}`)
	})
	out, _, err := f.client.Candidates.Update(context.Background(), 55, &UpdateCandidateRequest{LastName: "Roe", Email: "jane.roe@example.com"})
	require.NoError(t, err)
	assert.Equal(t, ID(55), out.ID)
}

func TestCandidatesService_ListNotes(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/candidates/55/notes", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, url.Values{"page": {"2"}, "pageSize": {"5"}})
		writeJSON(w, http.StatusOK, `[{"id": 1, "content": "Strong Go skills", "createdAt": "2026-07-01T10:00:00Z", "author": {"id": 9}}]`)
	})
	notes, _, err := f.client.Candidates.ListNotes(context.Background(), 55, ListOptions{Page: 2, PageSize: 5})
	require.NoError(t, err)
	require.Len(t, notes, 1)
	assert.Equal(t, ID(1), notes[0].ID)
	assert.Equal(t, "Strong Go skills", notes[0].Content)
	assert.Equal(t, "2026-07-01T10:00:00Z", notes[0].CreatedAt)
	assert.JSONEq(t, `{"id": 9}`, string(notes[0].Extra["author"]))
}

func TestCandidatesService_CreateNote(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPost, "/candidates/55/notes", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testBody(t, r, `{"content": "Called, very motivated"}`)
		writeJSON(w, http.StatusCreated, `{"id": 2}`)
	})
	out, _, err := f.client.Candidates.CreateNote(context.Background(), 55, "  Called, very motivated\n")
	require.NoError(t, err)
	assert.Equal(t, ID(2), out.ID)
}

func TestCandidatesService_UpdateNote(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/candidates/55/notes/2", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"content": "Second call done"}`)
		writeJSON(w, http.StatusOK, `{"id": 2}`)
	})
	out, _, err := f.client.Candidates.UpdateNote(context.Background(), 55, 2, "Second call done")
	require.NoError(t, err)
	assert.Equal(t, ID(2), out.ID)
}

func TestCandidatesService_DeleteNote(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodDelete, "/candidates/55/notes/2", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		writeJSON(w, http.StatusOK, `{"id": 2}`)
	})
	resp, err := f.client.Candidates.DeleteNote(context.Background(), 55, 2)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}
