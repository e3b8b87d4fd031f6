package resources_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/resources"
)

func (e *env) complete(ref any, arg, value string, ctxArgs map[string]string) mcp.Completion {
	e.t.Helper()
	req := mcp.CompleteRequest{}
	req.Params.Ref = ref
	req.Params.Argument = mcp.CompleteArgument{Name: arg, Value: value}
	req.Params.Context = mcp.CompleteContext{Arguments: ctxArgs}
	res, err := e.c.Complete(ctx5s(e.t), req)
	require.NoError(e.t, err, "complete %s=%q", arg, value)
	assert.LessOrEqual(e.t, len(res.Completion.Values), resources.MaxCompletions)
	return res.Completion
}

func prompt(name string) mcp.PromptReference {
	return mcp.PromptReference{Type: "ref/prompt", Name: name}
}

func template(uri string) mcp.ResourceReference {
	return mcp.ResourceReference{Type: "ref/resource", URI: uri}
}

var leadingID = regexp.MustCompile(`^(\d+)(: .+)?$`)

// idOf returns the id of a "id: label" or plain "id" completion value.
func idOf(t *testing.T, v string) joinclient.ID {
	t.Helper()
	m := leadingID.FindStringSubmatch(v)
	require.NotNil(t, m, "value %q is neither an id nor 'id: label'", v)
	n, err := strconv.ParseInt(m[1], 10, 64)
	require.NoError(t, err)
	return joinclient.ID(n)
}

func TestCompleteJobID(t *testing.T) {
	e := newEnv(t, envOptions{})
	jobs := e.store().Jobs()
	var want []string // ONLINE first, then the others, each in id order
	for _, online := range []bool{true, false} {
		for _, j := range jobs {
			if (j.Status == "ONLINE") == online {
				want = append(want, j.ID.String()+": "+j.Title)
			}
		}
	}

	all := e.complete(prompt("screen_applications"), "jobId", "", nil)
	assert.Equal(t, want, all.Values)
	assert.Equal(t, len(want), all.Total)
	assert.False(t, all.HasMore)
	assert.Equal(t, "3001: Backend Engineer (Go)", all.Values[0])

	byID := e.complete(prompt("screen_applications"), "jobId", "301", nil)
	assert.Equal(t, []string{"3010: Praktikum Maschinenbau (Konstruktion)", "3011: Head of People", "3012: Office Coordinator Zurich (Teilzeit 60%)"}, byID.Values)
	assert.Len(t, e.complete(prompt("screen_applications"), "jobId", "30", nil).Values, len(jobs), "every seeded job id starts with 30")

	for _, typed := range []string{"backend", "BACKEND", " Backend "} {
		assert.Equal(t, []string{"3001: Backend Engineer (Go)"}, e.complete(prompt("screen_applications"), "jobId", typed, nil).Values, typed)
	}
	engineers := e.complete(prompt("screen_applications"), "jobId", "engineer", nil)
	assert.Equal(t, []string{"3001: Backend Engineer (Go)", "3005: Site Reliability Engineer", "3006: Robotics Software Engineer (C++/ROS 2)"}, engineers.Values)
	assert.Empty(t, e.complete(prompt("screen_applications"), "jobId", "zzz", nil).Values)

	// Completion runs per keystroke: the job list is fetched once.
	n := 0
	for _, r := range e.fake.Requests() {
		if r.Path == "/jobs" {
			n++
		}
	}
	assert.Equal(t, 1, n, "jobs are cached between keystrokes")
}

func TestCompleteApplicationID(t *testing.T) {
	e := newEnv(t, envOptions{})
	st := e.store()

	t.Run("cap", func(t *testing.T) {
		all := e.complete(prompt("candidate_brief"), "applicationId", "", nil)
		total := len(st.Applications())
		require.Greater(t, total, resources.MaxCompletions, "seed has more applications than one answer holds")
		assert.Len(t, all.Values, resources.MaxCompletions)
		assert.Equal(t, total, all.Total)
		assert.True(t, all.HasMore)
		// newest first, as JOIN lists them; labelled with candidate and job
		first := idOf(t, all.Values[0])
		app, ok := st.Application(first)
		require.True(t, ok)
		cand, _ := st.Candidate(app.CandidateID)
		job, _ := st.Job(app.JobID)
		assert.Equal(t, first.String()+": "+cand.FirstName+" "+cand.LastName+" – "+job.Title, all.Values[0])
		for _, a := range st.Applications() {
			assert.False(t, a.CreatedAt.After(app.CreatedAt), "the first value must be the newest application")
		}
	})

	t.Run("narrowed by jobId", func(t *testing.T) {
		for _, jobArg := range []string{"3001", "3001: Backend Engineer (Go)"} {
			c := e.complete(prompt("follow_up_note"), "applicationId", "", map[string]string{"jobId": jobArg})
			want := st.ApplicationsForJob(3001)
			assert.Len(t, c.Values, len(want))
			assert.Equal(t, len(want), c.Total)
			assert.False(t, c.HasMore)
			for _, v := range c.Values {
				a, ok := st.Application(idOf(t, v))
				require.True(t, ok, v)
				assert.Equal(t, joinclient.ID(3001), a.JobID, "%s belongs to job %d", v, a.JobID)
				assert.True(t, strings.HasSuffix(v, " – Backend Engineer (Go)"), v)
			}
		}
	})

	t.Run("filter by name and id", func(t *testing.T) {
		app, _ := st.Application(appWithDocx)
		cand, _ := st.Candidate(app.CandidateID)
		byName := e.complete(prompt("candidate_brief"), "applicationId", strings.ToUpper(cand.FirstName+" "+cand.LastName), nil)
		require.NotEmpty(t, byName.Values)
		assert.Contains(t, byName.Values, "70125: "+cand.FirstName+" "+cand.LastName+" – Backend Engineer (Go)")
		byID := e.complete(prompt("candidate_brief"), "applicationId", "7012", nil)
		for _, v := range byID.Values {
			assert.True(t, strings.HasPrefix(v, "7012"), v)
		}
		assert.Len(t, byID.Values, 10, "70120..70129")
	})
}

func TestCompleteFixedLists(t *testing.T) {
	e := newEnv(t, envOptions{})
	for _, tc := range []struct {
		prompt, arg, typed string
		want               []string
	}{
		{"draft_job_ad", "language", "d", []string{"de", "da"}},
		{"draft_job_ad", "language", "", resources.Languages},
		{"draft_job_ad", "city", "", []string{"Berlin", "Munich", "Hamburg", "Vienna", "Zurich"}},
		{"draft_job_ad", "city", "mu", []string{"Munich"}},
		{"draft_job_ad", "employmentType", "", []string{"Full-time", "Part-time", "Internship", "Working student", "Freelance", "Temporary"}},
		{"draft_job_ad", "employmentType", "time", []string{"Full-time", "Part-time"}},
		{"draft_job_ad", "seniority", "", []string{"Student", "Entry level", "Experienced", "Manager", "Director"}},
		{"draft_job_ad", "seniority", "ENTRY", []string{"Entry level"}},
		{"follow_up_note", "outcome", "inv", []string{"invite to interview"}},
		{"follow_up_note", "outcome", "rejected", []string{"rejected after screening", "rejected after interview"}},
		{"draft_job_ad", "title", "Back", []string{}}, // free text: nothing to offer
	} {
		c := e.complete(prompt(tc.prompt), tc.arg, tc.typed, nil)
		assert.Equal(t, tc.want, c.Values, "%s.%s %q", tc.prompt, tc.arg, tc.typed)
		assert.Equal(t, len(tc.want), c.Total)
		assert.False(t, c.HasMore)
	}

	since := e.complete(prompt("pipeline_report"), "since", "", nil)
	require.Len(t, since.Values, 4)
	for _, v := range since.Values {
		_, err := time.Parse("2006-01-02", v)
		assert.NoError(t, err, "date suggestion %q", v)
	}
}

func TestCompleteTemplateVariables(t *testing.T) {
	e := newEnv(t, envOptions{})
	st := e.store()

	jobs := e.complete(template(resources.JobTemplate), "jobId", "", nil)
	require.Len(t, jobs.Values, len(st.Jobs()))
	for _, v := range jobs.Values {
		assert.Regexp(t, `^\d+$`, v, "template variables complete plain ids")
	}
	assert.Equal(t, "3001", jobs.Values[0])
	assert.Equal(t, []string{"3001"}, e.complete(template(resources.JobTemplate), "jobId", "backend", nil).Values, "typing a title finds the id")

	apps := e.complete(template(resources.ApplicationTemplate), "applicationId", "", nil)
	assert.Len(t, apps.Values, resources.MaxCompletions)
	assert.True(t, apps.HasMore)
	for _, v := range apps.Values {
		assert.Regexp(t, `^\d+$`, v)
	}

	app, _ := st.Application(appWithDocx)
	var wantDocs []string
	for _, id := range app.AttachmentIDs {
		wantDocs = append(wantDocs, id.String())
	}
	docs := e.complete(template(resources.DocumentTemplate), "documentId", "", map[string]string{"applicationId": "70125"})
	assert.Equal(t, wantDocs, docs.Values)
	cv := e.complete(template(resources.DocumentTemplate), "documentId", "RESUME", map[string]string{"applicationId": "70125"})
	assert.Equal(t, wantDocs[:1], cv.Values, "documents also match by file name (Moritz-Grosse-resume.pdf)")
	letter := e.complete(template(resources.DocumentTemplate), "documentId", "cover", map[string]string{"applicationId": "70125"})
	assert.Equal(t, wantDocs[1:], letter.Values, "Cover_Letter_Grosse.docx")
	assert.Empty(t, e.complete(template(resources.DocumentTemplate), "documentId", "", nil).Values, "no application, no documents")
	assert.Empty(t, e.complete(template(resources.DocumentTemplate), "documentId", "", map[string]string{"applicationId": "999999"}).Values)

	appIDs := e.complete(template(resources.DocumentTemplate), "applicationId", "", map[string]string{"jobId": "3002"})
	for _, v := range appIDs.Values {
		a, ok := st.Application(idOf(t, v))
		require.True(t, ok)
		assert.Equal(t, joinclient.ID(3002), a.JobID)
	}
	assert.Len(t, appIDs.Values, len(st.ApplicationsForJob(3002)))
}

// TestCompleteUnknownPrompt: mcp-go v1.6.0 turns every completion error
// into an internal error, so an unknown prompt gets no values instead.
func TestCompleteUnknownPrompt(t *testing.T) {
	e := newEnv(t, envOptions{})
	c := e.complete(prompt("nope"), "jobId", "", nil)
	assert.Empty(t, c.Values)
	assert.Zero(t, c.Total)
	assert.False(t, c.HasMore)
	assert.Empty(t, e.fake.Requests(), "an unknown prompt asks JOIN nothing")
}
