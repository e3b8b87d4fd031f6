package joinclient

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoutes(t *testing.T) {
	require.Len(t, Routes, 27)
	seen := map[Operation]bool{}
	seenMethodPath := map[string]bool{}
	placeholder := regexp.MustCompile(`\{[a-zA-Z]+\}`)
	for _, r := range Routes {
		assert.False(t, seen[r.Op], "duplicate op %s", r.Op)
		seen[r.Op] = true
		mp := r.Method + " " + r.Path
		assert.False(t, seenMethodPath[mp], "duplicate route %s", mp)
		seenMethodPath[mp] = true

		assert.Contains(t, []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete}, r.Method, r.Op)
		assert.True(t, strings.HasPrefix(r.Path, "/"), r.Op)
		assert.Contains(t, []Confidence{Confirmed2, ConfirmedV, Likely, Guessed}, r.Confidence, r.Op)
		assert.Equal(t, r, RouteFor(r.Op))

		// Expand with as many ids as placeholders gives a concrete path.
		n := len(placeholder.FindAllString(r.Path, -1))
		ids := make([]ID, n)
		want := r.Path
		for i := range ids {
			ids[i] = ID(100 + i)
			want = strings.Replace(want, placeholder.FindString(want), ids[i].String(), 1)
		}
		assert.Equal(t, want, r.Expand(ids...), r.Op)
		assert.NotContains(t, r.Expand(ids...), "{", r.Op)
		// Too few or too many ids are programming errors.
		if n > 0 {
			assert.Panics(t, func() { r.Expand(ids[:n-1]...) }, r.Op)
		}
		assert.Panics(t, func() { r.Expand(append(ids, 1)...) }, r.Op)
	}
	assert.Panics(t, func() { RouteFor("noSuchOperation") })
	assert.True(t, RouteFor(OpActivateJob).Deprecated)
	assert.True(t, RouteFor(OpArchiveJob).Deprecated)
	assert.Equal(t, "/candidates/5/notes/6", RouteFor(OpUpdateCandidateNote).Expand(5, 6))
}

// TestEveryOperationHasAMethod sends every operation through its service
// method and checks it reaches the method and path of its route, so the
// services and the route table cannot drift apart.
func TestEveryOperationHasAMethod(t *testing.T) {
	f := setup(t)
	var (
		mu     sync.Mutex // the handler runs on the server's goroutines
		got    []string
		answer string
	)
	f.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		testHeaders(t, r)
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Method+" "+r.URL.Path)
		if strings.HasPrefix(answer, "bin:") {
			w.Header().Set("Content-Type", "application/pdf")
			_, _ = w.Write([]byte(strings.TrimPrefix(answer, "bin:")))
			return
		}
		writeJSON(w, http.StatusOK, answer)
	})
	ctx := context.Background()
	c := f.client
	calls := []struct {
		op     Operation
		ids    []ID
		answer string
		call   func() error
	}{
		{OpListJobs, nil, `[]`, func() error { _, _, err := c.Jobs.List(ctx, JobListOptions{}); return err }},
		{OpCreateJob, nil, `{"id":1}`, func() error {
			_, _, err := c.Jobs.Create(ctx, &JobRequest{Title: "t", Description: "d", CategoryID: 1, Language: "en", EmploymentTypeID: 1, OfficeID: 1})
			return err
		}},
		{OpGetJob, []ID{11}, `{"id":11}`, func() error { _, _, err := c.Jobs.Get(ctx, 11); return err }},
		{OpUpdateJob, []ID{12}, `{"id":12}`, func() error { _, _, err := c.Jobs.Update(ctx, 12, &JobRequest{Title: "t"}); return err }},
		{OpChangeJobStatus, []ID{13}, `{"id":13}`, func() error { _, _, err := c.Jobs.ChangeStatus(ctx, 13, "OFFLINE"); return err }},
		{OpActivateJob, []ID{14}, `{"id":14}`, func() error { _, _, err := c.Jobs.Activate(ctx, 14); return err }},
		{OpArchiveJob, []ID{15}, `{"id":15}`, func() error { _, _, err := c.Jobs.Archive(ctx, 15); return err }},
		{OpListApplications, nil, `[]`, func() error { _, _, err := c.Applications.List(ctx, ApplicationListOptions{}); return err }},
		{OpCreateApplication, nil, `{"id":1}`, func() error {
			_, _, err := c.Applications.Create(ctx, &CreateApplicationRequest{JobID: 1, Candidate: NewCandidate{FirstName: "a", LastName: "b", Email: "a@b.de"}})
			return err
		}},
		{OpGetApplication, []ID{21}, `{"id":21}`, func() error { _, _, err := c.Applications.Get(ctx, 21); return err }},
		{OpDeleteApplication, []ID{22}, ``, func() error { _, err := c.Applications.Delete(ctx, 22); return err }},
		{OpUpdateApplicationTags, []ID{23}, `{"id":23}`, func() error { _, _, err := c.Applications.UpdateTags(ctx, 23, []string{"x"}); return err }},
		{OpUpdateApplicationIntegration, []ID{24}, `{"id":24}`, func() error { _, _, err := c.Applications.UpdateIntegrationData(ctx, 24, "x"); return err }},
		{OpListCategories, nil, `[]`, func() error { _, _, err := c.Lookups.Categories(ctx, ""); return err }},
		{OpListEmploymentTypes, nil, `[]`, func() error { _, _, err := c.Lookups.EmploymentTypes(ctx, ""); return err }},
		{OpListSeniorityLevels, nil, `[]`, func() error { _, _, err := c.Lookups.SeniorityLevels(ctx, ""); return err }},
		{OpListOffices, nil, `[]`, func() error { _, _, err := c.Offices.List(ctx, OfficeListOptions{}); return err }},
		{OpCreateOffice, nil, `{"id":1}`, func() error {
			_, _, err := c.Offices.Create(ctx, &OfficeRequest{City: "c", CountryISO: "DE"})
			return err
		}},
		{OpGetOffice, []ID{31}, `{"id":31}`, func() error { _, _, err := c.Offices.Get(ctx, 31); return err }},
		{OpUpdateOffice, []ID{32}, `{"id":32}`, func() error { _, _, err := c.Offices.Update(ctx, 32, &OfficeRequest{Name: "n"}); return err }},
		{OpCreateCandidateNote, []ID{41}, `{"id":1}`, func() error { _, _, err := c.Candidates.CreateNote(ctx, 41, "n"); return err }},
		{OpListCandidateNotes, []ID{42}, `[]`, func() error { _, _, err := c.Candidates.ListNotes(ctx, 42, ListOptions{}); return err }},
		{OpUpdateCandidateNote, []ID{43, 44}, `{"id":44}`, func() error { _, _, err := c.Candidates.UpdateNote(ctx, 43, 44, "n"); return err }},
		{OpDeleteCandidateNote, []ID{45, 46}, ``, func() error { _, err := c.Candidates.DeleteNote(ctx, 45, 46); return err }},
		{OpUpdateCandidate, []ID{47}, `{"id":47}`, func() error {
			_, _, err := c.Candidates.Update(ctx, 47, &UpdateCandidateRequest{FirstName: "a"})
			return err
		}},
		{OpGetAttachment, []ID{51}, `bin:%PDF-1.4`, func() error { _, _, err := c.Attachments.Get(ctx, 51); return err }},
		{OpGetApplicationFile, []ID{52}, `bin:%PDF-1.4`, func() error { _, _, err := c.Attachments.GetApplicationFile(ctx, 52); return err }},
	}

	covered := map[Operation]bool{}
	for _, call := range calls {
		mu.Lock()
		got, answer = nil, call.answer
		mu.Unlock()
		require.NoError(t, call.call(), call.op)
		r := RouteFor(call.op)
		mu.Lock()
		assert.Equal(t, []string{r.Method + " /v2" + r.Expand(call.ids...)}, got, call.op)
		mu.Unlock()
		covered[call.op] = true
	}
	for _, r := range Routes {
		assert.True(t, covered[r.Op], "operation %s has no call in this test", r.Op)
	}
}
