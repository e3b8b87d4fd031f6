package tools_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
)

// The fake's demo data is generated deterministically; these helpers find
// records with a given shape in it instead of hard-coding their ids.

func findApp(t *testing.T, st *jointest.Store, ok func(jointest.Application) bool) jointest.Application {
	t.Helper()
	for _, a := range st.Applications() {
		if ok(a) {
			return a
		}
	}
	require.FailNow(t, "no seeded application has the wanted shape")
	return jointest.Application{}
}

// taggedApp is an application with tags and attachments on an ONLINE job.
func taggedApp(t *testing.T, st *jointest.Store) jointest.Application {
	return findApp(t, st, func(a jointest.Application) bool {
		return len(a.Tags) > 0 && len(a.AttachmentIDs) > 0 && a.JobID == jobBackend
	})
}

func candidateOf(t *testing.T, st *jointest.Store, id joinclient.ID) jointest.Candidate {
	t.Helper()
	c, ok := st.Candidate(id)
	require.True(t, ok)
	return c
}

// notedCandidate is a candidate with at least two notes, and those notes.
func notedCandidate(t *testing.T, st *jointest.Store) (jointest.Candidate, []jointest.Note) {
	t.Helper()
	for _, c := range st.Candidates() {
		if notes := st.Notes(c.ID); len(notes) >= 2 {
			return c, notes
		}
	}
	require.FailNow(t, "no seeded candidate has two notes")
	return jointest.Candidate{}, nil
}

// unnotedCandidate is a candidate without notes.
func unnotedCandidate(t *testing.T, st *jointest.Store) jointest.Candidate {
	t.Helper()
	for _, c := range st.Candidates() {
		if len(st.Notes(c.ID)) == 0 {
			return c
		}
	}
	require.FailNow(t, "every seeded candidate has notes")
	return jointest.Candidate{}
}

func findFile(t *testing.T, st *jointest.Store, contentTypePrefix string) jointest.File {
	t.Helper()
	for _, f := range st.Files() {
		if strings.HasPrefix(f.ContentType, contentTypePrefix) {
			return f
		}
	}
	require.FailNow(t, "no seeded file of type "+contentTypePrefix)
	return jointest.File{}
}
