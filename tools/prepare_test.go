package tools_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/tools"
)

// Tests of join_prepare_job: names a user says in a chat become the ids
// join_create_job needs.

// wfResolution returns the resolution of field, or fails.
func wfResolution(t *testing.T, out map[string]any, field string) map[string]any {
	t.Helper()
	for _, r := range out["resolved"].([]any) {
		m := r.(map[string]any)
		if m["field"] == field {
			return m
		}
	}
	t.Fatalf("no resolution for %s in %v", field, out["resolved"])
	return nil
}

func wfChoiceIDs(r map[string]any) []float64 {
	var out []float64
	for _, c := range asSlice(r["choices"]) {
		out = append(out, c.(map[string]any)["id"].(float64))
	}
	return out
}

func TestPrepareJob_ResolvesNames(t *testing.T) {
	t.Parallel()
	e := newWfEnv(t, wfOptions{})
	out := e.ok("join_prepare_job", map[string]any{
		"title": "Junior Product Designer", "city": "Berlin", "employmentType": "full time",
		"category": "design", "seniority": "entry", "workplaceType": "HYBRID",
	})
	assert.Equal(t, true, out["ready"])
	assert.Equal(t, []any{"description"}, out["missing"], "only the ad text is left")
	assert.Equal(t, map[string]any{
		"title": "Junior Product Designer", "language": "en", "status": "OFFLINE", "workplaceType": "HYBRID",
		"officeId": float64(2001), "employmentTypeId": float64(1), "categoryId": float64(202), "seniorityId": float64(2),
	}, out["createJobArguments"])
	assert.Contains(t, out["next"], "join_create_job")

	office := wfResolution(t, out, "officeId")
	assert.Equal(t, "Berlin", office["query"])
	assert.Equal(t, float64(2001), office["id"])
	assert.Contains(t, office["name"], "Berlin")
	assert.Equal(t, "Full-time", wfResolution(t, out, "employmentTypeId")["name"])
	assert.Equal(t, "Design", wfResolution(t, out, "categoryId")["name"], "the exact sub-category wins over 'Design › Product Design'")
	assert.Equal(t, "Entry level", wfResolution(t, out, "seniorityId")["name"])
	for _, r := range out["resolved"].([]any) {
		assert.NotContains(t, r, "choices", "resolved names offer no choices")
	}

	for _, r := range e.fake.Requests() {
		assert.Equal(t, http.MethodGet, r.Method, "join_prepare_job only reads")
	}
}

func TestPrepareJob_SingleNames(t *testing.T) {
	t.Parallel()
	e := newWfEnv(t, wfOptions{})
	for _, tc := range []struct {
		arg, value, field string
		want              float64
	}{
		{"city", "berlin", "officeId", 2001},
		{"city", "MUNICH", "officeId", 2002},
		{"city", "Acme Robotics Vienna", "officeId", 2004},
		{"city", "Zürich", "officeId", 2005},
		{"employmentType", "Full-time", "employmentTypeId", 1},
		{"employmentType", "FULLTIME", "employmentTypeId", 1},
		{"employmentType", "part time", "employmentTypeId", 2},
		{"employmentType", "intern", "employmentTypeId", 3},
		{"employmentType", "Vollzeit", "employmentTypeId", 1},
		{"employmentType", "Teilzeit", "employmentTypeId", 2},
		{"employmentType", "Werkstudent", "employmentTypeId", 4},
		{"employmentType", "Praktikum", "employmentTypeId", 3},
		{"category", "Backend Development", "categoryId", 101},
		{"category", "backend", "categoryId", 101},
		{"category", "Software Development", "categoryId", 104},
		{"category", "Softwareentwicklung", "categoryId", 104},
		{"category", "Robotik", "categoryId", 503},
		{"category", "ux research", "categoryId", 203},
		{"category", "Recruiting", "categoryId", 601},
		{"seniority", "Experienced", "seniorityId", 3},
		{"seniority", "Berufseinstieg", "seniorityId", 2},
		{"seniority", "director", "seniorityId", 5},
	} {
		out := e.ok("join_prepare_job", map[string]any{"title": "Role", tc.arg: tc.value})
		r := wfResolution(t, out, tc.field)
		assert.Equal(t, tc.want, r["id"], "%s %q: %v", tc.arg, tc.value, r)
		assert.Equal(t, tc.want, out["createJobArguments"].(map[string]any)[tc.field], "%s %q", tc.arg, tc.value)
	}
}

func TestPrepareJob_AmbiguousAndUnknown(t *testing.T) {
	t.Parallel()
	e := newWfEnv(t, wfOptions{})
	st := e.store()
	var allOffices []float64
	for _, o := range st.Offices() {
		allOffices = append(allOffices, float64(o.ID))
	}

	t.Run("ambiguous category", func(t *testing.T) {
		out := e.ok("join_prepare_job", map[string]any{"title": "Engineer", "city": "Berlin", "employmentType": "Full-time", "category": "development"})
		assert.Equal(t, false, out["ready"])
		r := wfResolution(t, out, "categoryId")
		assert.NotContains(t, r, "id")
		ids := wfChoiceIDs(r)
		for _, want := range []float64{101, 102, 104, 302} {
			assert.Contains(t, ids, want, "every '... Development' is a choice")
		}
		assert.NotContains(t, ids, float64(201))
		assert.NotContains(t, out["createJobArguments"], "categoryId")
		assert.Equal(t, []any{"description", "categoryId"}, out["missing"])
		assert.Contains(t, out["next"], "categoryId")
		for _, c := range asSlice(r["choices"]) {
			assert.NotEmpty(t, c.(map[string]any)["name"])
		}
	})

	t.Run("ambiguous office", func(t *testing.T) {
		out := e.ok("join_prepare_job", map[string]any{"title": "Engineer", "city": "Acme"})
		assert.Equal(t, allOffices, wfChoiceIDs(wfResolution(t, out, "officeId")), "every office is an 'Acme' office")
		assert.Equal(t, false, out["ready"])
	})

	t.Run("unknown city", func(t *testing.T) {
		out := e.ok("join_prepare_job", map[string]any{"title": "Engineer", "city": "Paris", "employmentType": "Full-time", "category": "Backend Development"})
		r := wfResolution(t, out, "officeId")
		assert.NotContains(t, r, "id")
		assert.Equal(t, allOffices, wfChoiceIDs(r), "an unknown city offers every office")
		for _, c := range asSlice(r["choices"]) {
			name := c.(map[string]any)["name"].(string)
			assert.Regexp(t, `, (DE|AT|CH)$`, name, "office choices carry the country")
		}
		assert.Equal(t, false, out["ready"])
		assert.Equal(t, []any{"description", "officeId"}, out["missing"])
		assert.Contains(t, out["next"], "officeId")
	})

	t.Run("unknown seniority is optional", func(t *testing.T) {
		out := e.ok("join_prepare_job", map[string]any{"title": "Engineer", "city": "Berlin", "employmentType": "Full-time", "category": "Backend Development", "seniority": "Ninja"})
		r := wfResolution(t, out, "seniorityId")
		assert.Len(t, wfChoiceIDs(r), 5, "all seniority levels, once each although two languages were read")
		assert.Equal(t, true, out["ready"], "seniority is not required by join_create_job")
	})

	t.Run("nothing given", func(t *testing.T) {
		out := e.ok("join_prepare_job", map[string]any{"title": "Engineer"})
		assert.Equal(t, false, out["ready"])
		assert.Empty(t, out["resolved"])
		assert.Equal(t, []any{"description", "categoryId", "employmentTypeId", "officeId"}, out["missing"])
		assert.Equal(t, map[string]any{"title": "Engineer", "language": "en", "status": "OFFLINE"}, out["createJobArguments"])
	})

	t.Run("bad arguments", func(t *testing.T) {
		assert.Contains(t, e.fails("join_prepare_job", map[string]any{}), "title")
		assert.Contains(t, e.fails("join_prepare_job", map[string]any{"title": "X", "language": "deutsch"}), "language")
		assert.Contains(t, e.fails("join_prepare_job", map[string]any{"title": "X", "workplaceType": "OFFICE"}), "workplaceType")
	})
}

func TestPrepareJob_GermanAd(t *testing.T) {
	t.Parallel()
	e := newWfEnv(t, wfOptions{})
	out := e.ok("join_prepare_job", map[string]any{
		"title": "Werkstudent Marketing (m/w/d)", "city": "Berlin", "employmentType": "Werkstudent",
		"category": "Online-Marketing", "seniority": "Student", "language": "de",
	})
	assert.Equal(t, true, out["ready"])
	args := out["createJobArguments"].(map[string]any)
	assert.Equal(t, "de", args["language"])
	assert.Equal(t, float64(4), args["employmentTypeId"])
	assert.Equal(t, float64(401), args["categoryId"])
	assert.Equal(t, float64(1), args["seniorityId"])
	assert.Equal(t, "Werkstudent", wfResolution(t, out, "employmentTypeId")["name"], "names come back in the ad's language")
	n := 0
	for _, r := range e.fake.Requests() {
		if r.Path == "/employmentTypes" {
			n++
			assert.Contains(t, []string{"language=de", "language=en"}, r.Query.Encode())
		}
	}
	assert.Equal(t, 2, n, "German, then English names")
}

// TestPrepareJob_ChatToJob is chat-driven job creation end to end through
// an MCP client: join_prepare_job, then join_create_job with its arguments
// plus the drafted ad. Two calls; the job exists OFFLINE with the ids.
func TestPrepareJob_ChatToJob(t *testing.T) {
	t.Parallel()
	for _, era := range []string{"", wfLegacy} {
		t.Run("era "+era, func(t *testing.T) {
			e := newWfEnv(t, wfOptions{protocol: era, lookups: tools.NewLookupCache(tools.DefaultLookupTTL)})
			calls, size := 0, 0

			prep := e.call("join_prepare_job", map[string]any{"title": "Junior Product Designer", "city": "Hamburg", "employmentType": "Vollzeit", "category": "Product Design", "seniority": "entry level"}, nil)
			require.False(t, prep.IsError, wfText(prep))
			calls, size = calls+1, size+wfBytes(prep)
			out := prep.StructuredContent.(map[string]any)
			require.Equal(t, true, out["ready"], "%v", out)
			args := out["createJobArguments"].(map[string]any)
			args["description"] = "<p>Our operators control hundreds of robots from one screen.</p><h3>Your tasks</h3><ul><li>Flows in Figma</li><li>User interviews</li></ul>"
			assert.Empty(t, e.writes(), "nothing is written before join_create_job")

			created := e.call("join_create_job", args, nil)
			require.False(t, created.IsError, wfText(created))
			calls, size = calls+1, size+wfBytes(created)
			res := created.StructuredContent.(map[string]any)
			assert.Equal(t, "done", res["status"])
			assert.Contains(t, res["message"], "OFFLINE")

			job, ok := e.store().Job(joinclient.ID(res["id"].(float64)))
			require.True(t, ok)
			assert.Equal(t, "OFFLINE", job.Status, "a chat-created job is a draft until the user publishes it")
			assert.Equal(t, "Junior Product Designer", job.Title)
			assert.Equal(t, joinclient.ID(2003), job.OfficeID)
			assert.Equal(t, joinclient.ID(1), job.EmploymentTypeID)
			assert.Equal(t, joinclient.ID(201), job.CategoryID)
			assert.Equal(t, joinclient.ID(2), job.SeniorityID)
			assert.Equal(t, "en", job.Language)
			assert.True(t, strings.HasPrefix(job.Description, "<p>Our operators"))
			require.Len(t, e.writes(), 1, "exactly one write: POST /jobs")

			assert.Equal(t, 2, calls)
			t.Logf("chat to job (%s): %d tool calls, %d result bytes", map[string]string{"": "2026-07-28", wfLegacy: wfLegacy}[era], calls, size)
		})
	}
}

func (e *wfEnv) writes() []string {
	var out []string
	for _, r := range e.fake.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}
