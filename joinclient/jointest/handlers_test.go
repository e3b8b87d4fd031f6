package jointest

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	backendJob     = "3001"
	werkstudentJob = "3004"
	archivedJob    = "3011"
)

// ---------------------------------------------------------------- jobs

func TestListJobs(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	resp, body := do(t, s, "GET", "/jobs", nil)
	require.Equal(t, 200, resp.StatusCode)
	assert.True(t, strings.HasPrefix(string(body), "["), "bare array")
	jobs := decode[[]joinclient.Job](t, body)
	require.Len(t, jobs, 12)
	for _, j := range jobs {
		assert.Empty(t, j.Description, "list items leave out the description without content=true")
		require.NotNil(t, j.Office)
		assert.NotEmpty(t, j.Office.City)
		assert.Contains(t, j.Extra, "publicUrl", "unknown fields for clients to tolerate")
	}
	var raw []map[string]any
	require.NoError(t, json.Unmarshal(body, &raw))
	assert.NotContains(t, raw[0], "description")

	resp, body = do(t, s, "GET", "/jobs?content=true&status=ONLINE", nil)
	require.Equal(t, 200, resp.StatusCode)
	jobs = decode[[]joinclient.Job](t, body)
	require.Len(t, jobs, 6)
	for _, j := range jobs {
		assert.Equal(t, "ONLINE", j.Status)
		assert.Contains(t, j.Description, "<")
	}
	_, body = do(t, s, "GET", "/jobs?status=ARCHIVED", nil)
	assert.Len(t, decode[[]joinclient.Job](t, body), 2)
	_, body = do(t, s, "GET", "/jobs?status=OFFLINE", nil)
	assert.Len(t, decode[[]joinclient.Job](t, body), 4)

	resp, body = do(t, s, "GET", "/jobs?status=online", nil)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "ONLINE, OFFLINE, ARCHIVED")

	_, body = do(t, s, "GET", "/jobs?pageSize=5&page=3", nil)
	assert.Len(t, decode[[]joinclient.Job](t, body), 2, "short last page")
}

func TestGetJob(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	resp, body := do(t, s, "GET", "/jobs/"+backendJob, nil)
	require.Equal(t, 200, resp.StatusCode)
	j := decode[joinclient.Job](t, body)
	assert.Equal(t, "Backend Engineer (Go)", j.Title)
	assert.Equal(t, "ONLINE", j.Status)
	assert.Equal(t, "HYBRID", j.WorkplaceType)
	assert.Equal(t, joinclient.ID(101), j.CategoryID)
	assert.Equal(t, "ATS-ENG-2026-014", j.ExternalID)
	assert.Equal(t, "en", j.Language)
	assert.Contains(t, j.Description, "<h2>")
	require.NotNil(t, j.Office)
	assert.Equal(t, "Berlin", j.Office.City)
	assert.Equal(t, "DE", j.Office.CountryISO)
	require.NotNil(t, j.Salary)
	assert.Equal(t, "EUR", j.Salary.Currency)
	assert.Equal(t, "PER_YEAR", j.Salary.Frequency)
	require.NotNil(t, j.Contact)
	assert.Equal(t, "Tobias Richter", j.Contact.Name)
	assert.Len(t, j.Questions, 2)
	assert.Contains(t, j.Extra, "openedAt")
	_, err := time.Parse(time.RFC3339, j.CreatedAt)
	assert.NoError(t, err)
	assert.True(t, strings.HasSuffix(j.LastUpdatedAt, "Z"))

	var raw map[string]any
	require.NoError(t, json.Unmarshal(body, &raw))
	assert.IsType(t, float64(0), raw["id"], "ids are JSON numbers")

	// Nulls where a value is absent.
	_, body = do(t, s, "GET", "/jobs/"+archivedJob, nil)
	require.NoError(t, json.Unmarshal(body, &raw))
	assert.Nil(t, raw["salary"])
	assert.Nil(t, raw["remoteType"])
	assert.Contains(t, raw, "remoteType")

	resp, body = do(t, s, "GET", "/jobs/4242", nil)
	assert.Contains(t, wantError(t, resp, body, 404, "NOT_FOUND"), "4242")
}

func validJob() map[string]any {
	return map[string]any{
		"title":            "Data Engineer",
		"description":      "<p>Pipelines.</p>",
		"categoryId":       101,
		"language":         "en",
		"employmentTypeId": 1,
		"officeId":         2001,
	}
}

func TestCreateJob(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	in := validJob()
	in["externalId"] = "EXT-1"
	in["workplaceType"] = "REMOTE"
	in["remoteType"] = "COUNTRY"
	in["seniorityId"] = 3
	in["salary"] = map[string]any{"from": 60000, "to": 70000, "currency": "EUR", "frequency": "PER_YEAR", "isShownOnJobAd": true}
	in["contact"] = map[string]any{"name": "Lena Hoffmann", "email": "lena.hoffmann@example.com", "position": "Recruiter"}
	in["questions"] = []map[string]any{{"name": "Start date?", "type": "TEXT", "required": true}}
	in["hiringTeam"] = []map[string]any{{"hiringTeamMember": "lena.hoffmann@example.com", "jobRole": "admin"}}
	in["cv"] = "OPTIONAL"
	in["coverLetter"] = "OFF"
	in["contactPerson"] = "lena.hoffmann@example.com"
	resp, body := do(t, s, "POST", "/jobs", in)
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	id := decode[joinclient.IDResponse](t, body).ID
	assert.Equal(t, joinclient.ID(3013), id)

	j, ok := s.Store(s.Token()).Job(id)
	require.True(t, ok)
	assert.Equal(t, "ONLINE", j.Status, "JOIN publishes unless told OFFLINE")
	assert.False(t, j.OpenedAt.IsZero())
	assert.Equal(t, "COUNTRY", j.RemoteType)
	assert.Equal(t, 60000.0, *j.Salary.From)
	assert.Equal(t, fixedNow, j.CreatedAt)

	in = validJob()
	in["status"] = "OFFLINE"
	resp, body = do(t, s, "POST", "/jobs", in)
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	j, _ = s.Store(s.Token()).Job(decode[joinclient.IDResponse](t, body).ID)
	assert.Equal(t, "OFFLINE", j.Status)
	assert.True(t, j.OpenedAt.IsZero())

	cases := []struct {
		name    string
		change  func(map[string]any)
		message string
	}{
		{"missing title", func(m map[string]any) { delete(m, "title") }, `"title" is required`},
		{"missing officeId", func(m map[string]any) { delete(m, "officeId") }, `"officeId" is required`},
		{"parent category", func(m map[string]any) { m["categoryId"] = 1 }, "101"},
		{"unknown category", func(m map[string]any) { m["categoryId"] = 999 }, "categoryId"},
		{"unknown office", func(m map[string]any) { m["officeId"] = 1 }, "officeId"},
		{"unknown employment type", func(m map[string]any) { m["employmentTypeId"] = 99 }, "employmentTypeId"},
		{"bad language", func(m map[string]any) { m["language"] = "english" }, "language"},
		{"archived on create", func(m map[string]any) { m["status"] = "ARCHIVED" }, "ONLINE, OFFLINE"},
		{"bad workplace", func(m map[string]any) { m["workplaceType"] = "ON_SITE" }, "ONSITE, HYBRID, REMOTE"},
		{"remoteType without REMOTE", func(m map[string]any) { m["remoteType"] = "ANYWHERE" }, "REMOTE"},
		{"bad currency", func(m map[string]any) {
			m["salary"] = map[string]any{"from": 1, "currency": "JPY", "frequency": "PER_YEAR"}
		}, "EUR, CHF, USD, GBP"},
		{"old frequency name", func(m map[string]any) {
			m["salary"] = map[string]any{"from": 1, "currency": "EUR", "frequency": "YEARLY"}
		}, "PER_YEAR"},
		{"from above to", func(m map[string]any) {
			m["salary"] = map[string]any{"from": 9, "to": 1, "currency": "EUR", "frequency": "PER_YEAR"}
		}, "salary.from"},
		{"contact without email", func(m map[string]any) { m["contact"] = map[string]any{"name": "X"} }, "contact.email"},
		{"wrong type", func(m map[string]any) { m["title"] = 5 }, `"title" must be a string`},
		{"unknown field", func(m map[string]any) { m["department"] = "IT" }, `"department"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := validJob()
			tc.change(in)
			resp, body := do(t, s, "POST", "/jobs", in)
			assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), tc.message)
		})
	}
	assert.Len(t, s.Store(s.Token()).Jobs(), 14, "failed creates left nothing behind")
}

func TestUpdateJob(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: fixedNow}
	s := newServer(t, Options{Now: clock.Now})
	clock.Advance(time.Hour)
	resp, body := do(t, s, "PATCH", "/jobs/"+backendJob, map[string]any{"title": "Senior Backend Engineer (Go)", "workplaceType": "REMOTE", "remoteType": "ANYWHERE"})
	require.Equal(t, 200, resp.StatusCode, "%s", body)
	assert.JSONEq(t, `{"id":3001}`, string(body))
	j, _ := s.Store(s.Token()).Job(3001)
	assert.Equal(t, "Senior Backend Engineer (Go)", j.Title)
	assert.Equal(t, fixedNow.Add(time.Hour), j.LastUpdatedAt)
	assert.Equal(t, "ATS-ENG-2026-014", j.ExternalID, "untouched fields stay")

	// Leaving REMOTE drops the remote type.
	do(t, s, "PATCH", "/jobs/"+backendJob, map[string]any{"workplaceType": "HYBRID"})
	j, _ = s.Store(s.Token()).Job(3001)
	assert.Empty(t, j.RemoteType)

	resp, body = do(t, s, "PATCH", "/jobs/"+backendJob, map[string]any{"status": "OFFLINE"})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "changeStatus")

	resp, body = do(t, s, "PATCH", "/jobs/"+backendJob, map[string]any{})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "no fields")

	resp, body = do(t, s, "PATCH", "/jobs/"+backendJob, map[string]any{"officeId": 7})
	wantError(t, resp, body, 400, "VALIDATION_ERROR")

	resp, body = do(t, s, "PATCH", "/jobs/9999", map[string]any{"title": "x"})
	wantError(t, resp, body, 404, "NOT_FOUND")
}

func TestChangeJobStatus(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	resp, body := do(t, s, "PATCH", "/jobs/3010/changeStatus", map[string]string{"status": "ONLINE"})
	require.Equal(t, 200, resp.StatusCode, "%s", body)
	assert.JSONEq(t, `{"id":3010}`, string(body))
	j, _ := s.Store(s.Token()).Job(3010)
	assert.Equal(t, "ONLINE", j.Status)
	assert.Equal(t, fixedNow, j.OpenedAt)

	resp, body = do(t, s, "PATCH", "/jobs/3010/changeStatus", map[string]string{"status": "DELETED"})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "ONLINE, OFFLINE, ARCHIVED")
	resp, body = do(t, s, "PATCH", "/jobs/3010/changeStatus", map[string]string{})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "status")
	resp, body = do(t, s, "PATCH", "/jobs/1/changeStatus", map[string]string{"status": "ONLINE"})
	wantError(t, resp, body, 404, "NOT_FOUND")
}

func TestDeprecatedActivateArchive(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	resp, body := do(t, s, "PATCH", "/jobs/"+backendJob+"/archive", nil)
	require.Equal(t, 200, resp.StatusCode, "%s", body)
	assert.Equal(t, "true", resp.Header.Get("Deprecation"))
	j, _ := s.Store(s.Token()).Job(3001)
	assert.Equal(t, "ARCHIVED", j.Status)

	resp, _ = do(t, s, "PATCH", "/jobs/"+backendJob+"/activate", "{}")
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "true", resp.Header.Get("Deprecation"))
	j, _ = s.Store(s.Token()).Job(3001)
	assert.Equal(t, "ONLINE", j.Status)

	resp, body = do(t, s, "PATCH", "/jobs/"+backendJob+"/activate", map[string]string{"status": "ONLINE"})
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
	resp, body = do(t, s, "PATCH", "/jobs/77/archive", nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
}

// ---------------------------------------------------------- applications

func TestListApplications_Pagination(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	var all []joinclient.Application
	for page := 1; ; page++ {
		resp, body := do(t, s, "GET", "/applications?jobId="+backendJob+"&pageSize=20&page="+itoa(page), nil)
		require.Equal(t, 200, resp.StatusCode)
		items := decode[[]joinclient.Application](t, body)
		all = append(all, items...)
		if len(items) < 20 {
			assert.Equal(t, 3, page)
			assert.Len(t, items, 4)
			break
		}
	}
	require.Len(t, all, 44)
	for i := 1; i < len(all); i++ {
		assert.GreaterOrEqual(t, all[i-1].CreatedAt, all[i].CreatedAt, "newest first")
	}
	ids := map[joinclient.ID]bool{}
	for _, a := range all {
		ids[a.ID] = true
	}
	assert.Len(t, ids, 44, "no duplicates across pages")

	_, body := do(t, s, "GET", "/applications", nil)
	assert.Len(t, decode[[]joinclient.Application](t, body), 50, "default page size 50")
	_, body = do(t, s, "GET", "/applications?page=99", nil)
	assert.JSONEq(t, "[]", string(body))
	_, body = do(t, s, "GET", "/applications?page=9223372036854775807", nil)
	assert.JSONEq(t, "[]", string(body))

	for _, q := range []string{"pageSize=51", "pageSize=0", "page=0", "page=x", "pageSize=", "jobId=abc"} {
		resp, body := do(t, s, "GET", "/applications?"+q, nil)
		wantError(t, resp, body, 400, "VALIDATION_ERROR")
	}
}

func itoa(n int) string { return joinclient.ID(n).String() }

func TestListApplications_Filters(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: fixedNow}
	s := newServer(t, Options{Now: clock.Now})
	_, body := do(t, s, "GET", "/applications?jobExternalId=ATS-ENG-2026-014", nil)
	assert.Len(t, decode[[]joinclient.Application](t, body), 44)
	_, body = do(t, s, "GET", "/applications?jobExternalId=nope", nil)
	assert.JSONEq(t, "[]", string(body))
	_, body = do(t, s, "GET", "/applications?jobId=3010", nil)
	assert.JSONEq(t, "[]", string(body), "the draft job has no applications")

	since := fixedNow.Add(-3 * 24 * time.Hour)
	_, body = do(t, s, "GET", "/applications?updatedAtGte="+url.QueryEscape(since.Format(time.RFC3339)), nil)
	recent := decode[[]joinclient.Application](t, body)
	require.NotEmpty(t, recent)
	for _, a := range recent {
		ts, err := time.Parse(time.RFC3339, a.LastUpdatedAt)
		require.NoError(t, err)
		assert.False(t, ts.Before(since))
	}

	// A write makes an old application show up in incremental polling.
	clock.Advance(time.Minute)
	old := s.Store(s.Token()).ApplicationsForJob(3011)[0]
	resp, _ := do(t, s, "PATCH", "/applications/"+old.ID.String()+"/tags", map[string]any{"tags": []string{"x"}})
	require.Equal(t, 200, resp.StatusCode)
	_, body = do(t, s, "GET", "/applications?updatedAtGte="+url.QueryEscape(clock.Now().Format(time.RFC3339)), nil)
	got := decode[[]joinclient.Application](t, body)
	require.Len(t, got, 1)
	assert.Equal(t, old.ID, got[0].ID)

	resp, body = do(t, s, "GET", "/applications?updatedAtGte=2026-07-01", nil)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "updatedAtGte")
	// An unencoded '+' arrives as a space.
	resp, body = do(t, s, "GET", "/applications?updatedAtGte=2026-07-01T10:00:00+02:00", nil)
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
	_, body = do(t, s, "GET", "/applications?updatedAtGte=2026-07-01T10%3A00%3A00%2B02%3A00", nil)
	assert.NotEmpty(t, decode[[]joinclient.Application](t, body))
}

func TestGetApplication(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	app := st.ApplicationsForJob(3001)[0]
	resp, body := do(t, s, "GET", "/applications/"+app.ID.String(), nil)
	require.Equal(t, 200, resp.StatusCode)
	a := decode[joinclient.Application](t, body)
	cand, _ := st.Candidate(app.CandidateID)
	require.NotNil(t, a.Candidate)
	assert.Equal(t, cand.ID, a.Candidate.ID)
	assert.Equal(t, cand.Email, a.Candidate.Email)
	assert.Equal(t, cand.Phone, a.Candidate.PhoneNumber)
	require.NotNil(t, a.Job)
	assert.Equal(t, "Backend Engineer (Go)", a.Job.Title)
	assert.Equal(t, "ATS-ENG-2026-014", a.Job.ExternalID)
	require.NotEmpty(t, a.Attachments)
	assert.Equal(t, "CV", a.Attachments[0].Type)
	assert.Contains(t, a.Attachments[0].URL, "signature=")
	assert.NotEmpty(t, a.Attachments[0].ID)
	require.NotNil(t, a.Source)
	assert.NotEmpty(t, a.Source.Product)
	assert.Contains(t, joinclient.HiringStateValues, a.HiringState)
	for _, k := range []string{"salaryExpectation", "screeningAnswers", "coverLetterText"} {
		assert.Contains(t, a.Extra, k)
	}

	resp, body = do(t, s, "GET", "/applications/12", nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
	// A candidate id is not an application id.
	resp, body = do(t, s, "GET", "/applications/"+cand.ID.String(), nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
}

func newApplication(jobID int, email string) map[string]any {
	return map[string]any{
		"jobId":     jobID,
		"candidate": map[string]any{"firstName": "Ada", "lastName": "Lovelace", "email": email, "phone": "+44 20 7946 0000"},
	}
}

func TestCreateApplication(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	cv := buildPDF("CV Ada", "Ada", fixedNow, []pdfLine{{text: "Ada Lovelace"}})
	in := newApplication(3001, "ada@example.org")
	in["source"] = "REFERRALS"
	in["integrationExternalId"] = "form-123"
	in["documents"] = []map[string]any{
		{"type": "CV", "name": "ada.pdf", "data": base64.StdEncoding.EncodeToString(cv)},
		{"type": "COVER_LETTER", "name": "letter.txt", "data": base64.StdEncoding.EncodeToString([]byte("Dear team"))},
	}
	resp, body := do(t, s, "POST", "/applications", in)
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	created := decode[joinclient.IDResponse](t, body)
	require.NotZero(t, created.ID)
	require.NotZero(t, created.CandidateID)

	app, ok := st.Application(created.ID)
	require.True(t, ok)
	assert.Equal(t, "APPLIED", app.HiringState)
	assert.Equal(t, "REFERRALS", app.Source)
	assert.Equal(t, "form-123", app.IntegrationExternalID)
	require.Len(t, app.AttachmentIDs, 2)
	f, _ := st.File(app.AttachmentIDs[0])
	assert.Equal(t, cv, f.Data)
	assert.Equal(t, "application/pdf", f.ContentType)

	_, body = do(t, s, "GET", "/applications/"+created.ID.String(), nil)
	a := decode[joinclient.Application](t, body)
	assert.Equal(t, "+44 20 7946 0000", a.Candidate.PhoneNumber)
	assert.Len(t, a.Attachments, 2)
	assert.Equal(t, "Referral", a.Source.Product)

	// The same person for another job keeps the candidate id.
	resp, body = do(t, s, "POST", "/applications", newApplication(3002, "ada@example.org"))
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	assert.Equal(t, created.CandidateID, decode[joinclient.IDResponse](t, body).CandidateID)

	// Duplicate, case-insensitively.
	resp, body = do(t, s, "POST", "/applications", newApplication(3001, "ADA@Example.org"))
	msg := wantError(t, resp, body, 400, "VALIDATION_ERROR")
	assert.Equal(t, "Application for candidate ADA@Example.org already exists for job 3001", msg)

	resp, body = do(t, s, "POST", "/applications", newApplication(3011, "new@example.org"))
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "ARCHIVED")
	resp, body = do(t, s, "POST", "/applications", newApplication(4711, "new@example.org"))
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "jobId")

	bad := newApplication(3001, "x@example.org")
	bad["source"] = "LINKEDIN"
	resp, body = do(t, s, "POST", "/applications", bad)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "ORGANIC, REFERRALS")

	bad = newApplication(3001, "x@example.org")
	bad["documents"] = []map[string]any{{"type": "CV", "name": "a.pdf", "data": "***"}}
	resp, body = do(t, s, "POST", "/applications", bad)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "documents[0].data")

	bad = newApplication(3001, "x@example.org")
	bad["documents"] = []map[string]any{{"type": "RESUME", "name": "a.pdf", "data": "eA=="}}
	resp, body = do(t, s, "POST", "/applications", bad)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "documents[0].type")

	bad = newApplication(3001, "not-an-email")
	resp, body = do(t, s, "POST", "/applications", bad)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "candidate.email")

	resp, body = do(t, s, "POST", "/applications", map[string]any{"jobId": 3001, "candidate": map[string]any{"firstName": "A", "email": "a@example.org"}})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "candidate.lastName")

	resp, body = do(t, s, "POST", "/applications", map[string]any{"candidate": map[string]any{}})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "jobId")
}

func TestDeleteApplication(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	app := st.ApplicationsForJob(3002)[0]
	require.NotEmpty(t, app.AttachmentIDs)
	resp, body := do(t, s, "DELETE", "/applications/"+app.ID.String(), nil)
	assert.Equal(t, 204, resp.StatusCode)
	assert.Empty(t, body)
	_, ok := st.Application(app.ID)
	assert.False(t, ok)
	for _, id := range app.AttachmentIDs {
		_, ok := st.File(id)
		assert.False(t, ok)
		resp, body := do(t, s, "GET", "/attachments/"+id.String(), nil)
		wantError(t, resp, body, 404, "NOT_FOUND")
	}
	_, ok = st.Candidate(app.CandidateID)
	assert.True(t, ok, "the candidate stays")

	resp, body = do(t, s, "DELETE", "/applications/"+app.ID.String(), nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
}

func TestUpdateApplicationTags(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: fixedNow}
	s := newServer(t, Options{Now: clock.Now})
	st := s.Store(s.Token())
	var app Application
	for _, a := range st.Applications() {
		if len(a.Tags) > 0 {
			app = a
			break
		}
	}
	require.NotZero(t, app.ID, "some seed applications have tags")
	clock.Advance(time.Minute)
	path := "/applications/" + app.ID.String() + "/tags"
	resp, body := do(t, s, "PATCH", path, map[string]any{"tags": []string{"Shortlist", " Go ", "Shortlist"}})
	require.Equal(t, 200, resp.StatusCode, "%s", body)
	assert.JSONEq(t, `{"id":`+app.ID.String()+`}`, string(body))
	got, _ := st.Application(app.ID)
	assert.Equal(t, []string{"Shortlist", "Go"}, got.Tags, "replace-all, trimmed, de-duplicated")
	assert.Equal(t, clock.Now(), got.LastUpdatedAt)

	do(t, s, "PATCH", path, map[string]any{"tags": []string{}})
	got, _ = st.Application(app.ID)
	assert.Empty(t, got.Tags)
	_, body = do(t, s, "GET", "/applications/"+app.ID.String(), nil)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(body, &raw))
	assert.Equal(t, []any{}, raw["tags"])

	resp, body = do(t, s, "PATCH", path, map[string]any{"tags": []string{""}})
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
	resp, body = do(t, s, "PATCH", path, map[string]any{"tags": "Shortlist"})
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
	resp, body = do(t, s, "PATCH", path, map[string]any{})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "tags")
	resp, body = do(t, s, "PATCH", "/applications/1/tags", map[string]any{"tags": []string{}})
	wantError(t, resp, body, 404, "NOT_FOUND")
}

func TestUpdateApplicationIntegrationData(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	app := st.ApplicationsForJob(3003)[0]
	path := "/applications/" + app.ID.String() + "/integrationData"
	resp, body := do(t, s, "PATCH", path, map[string]string{"externalId": "crm-42"})
	require.Equal(t, 200, resp.StatusCode, "%s", body)
	_, body = do(t, s, "GET", "/applications/"+app.ID.String(), nil)
	assert.Equal(t, "crm-42", decode[joinclient.Application](t, body).IntegrationExternalID)

	resp, body = do(t, s, "PATCH", path, map[string]string{"integrationExternalId": "crm-42"})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "integrationExternalId")
	resp, body = do(t, s, "PATCH", "/applications/5/integrationData", map[string]string{"externalId": "x"})
	wantError(t, resp, body, 404, "NOT_FOUND")
}

// -------------------------------------------------------------- lookups

func TestLookups(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{Empty: true})
	resp, body := do(t, s, "GET", "/categories?language=en", nil)
	require.Equal(t, 200, resp.StatusCode)
	cats := decode[[]joinclient.Category](t, body)
	require.Len(t, cats, 6)
	assert.Equal(t, "Software Development", cats[0].Name)
	assert.Equal(t, "Backend Development", cats[0].SubCategories[0].Name)
	assert.Equal(t, joinclient.ID(101), cats[0].SubCategories[0].ID)
	sameName := false
	for _, c := range cats {
		assert.GreaterOrEqual(t, len(c.SubCategories), 2)
		for _, sc := range c.SubCategories {
			sameName = sameName || sc.Name == c.Name
		}
	}
	assert.True(t, sameName, "a sub-category repeats its parent's name")

	_, body = do(t, s, "GET", "/categories?language=de", nil)
	assert.Equal(t, "Softwareentwicklung", decode[[]joinclient.Category](t, body)[0].Name)
	_, body = do(t, s, "GET", "/categories?language=fr", nil)
	assert.Equal(t, "Software Development", decode[[]joinclient.Category](t, body)[0].Name, "other languages fall back to English")
	_, body = do(t, s, "GET", "/categories", nil)
	assert.Equal(t, "Software Development", decode[[]joinclient.Category](t, body)[0].Name)
	resp, body = do(t, s, "GET", "/categories?language=english", nil)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "language")

	_, body = do(t, s, "GET", "/employmentTypes?language=de", nil)
	et := decode[[]joinclient.EmploymentType](t, body)
	require.Len(t, et, 6)
	assert.Equal(t, "Vollzeit", et[0].Name)
	assert.Equal(t, "full-time", et[0].Slug)
	_, body = do(t, s, "GET", "/employmentTypes", nil)
	assert.Equal(t, "Working student", decode[[]joinclient.EmploymentType](t, body)[3].Name)

	_, body = do(t, s, "GET", "/seniorityLevels?language=en", nil)
	sl := decode[[]joinclient.SeniorityLevel](t, body)
	require.Len(t, sl, 5)
	assert.Equal(t, "Entry level", sl[1].Name)
	resp, body = do(t, s, "GET", "/seniorityLevels?language=e1", nil)
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
	resp, body = do(t, s, "GET", "/seniorityLevels?page=1", nil)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "page")
}

// -------------------------------------------------------------- offices

func TestOffices(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	_, body := do(t, s, "GET", "/offices", nil)
	offices := decode[[]joinclient.Office](t, body)
	require.Len(t, offices, 5)
	assert.Equal(t, "Acme Robotics HQ Berlin", offices[0].Name)
	assert.True(t, offices[0].IsDefault)
	assert.Equal(t, "Invalidenstraße", offices[0].StreetName)

	_, body = do(t, s, "GET", "/offices?countryCode=de", nil)
	assert.Len(t, decode[[]joinclient.Office](t, body), 3)
	_, body = do(t, s, "GET", "/offices?cityNameLike=ZUR", nil)
	zurich := decode[[]joinclient.Office](t, body)
	require.Len(t, zurich, 1)
	assert.Equal(t, "CH", zurich[0].CountryISO)
	_, body = do(t, s, "GET", "/offices?countryCode=AT&cityNameLike=ber", nil)
	assert.JSONEq(t, "[]", string(body))
	_, body = do(t, s, "GET", "/offices?pageSize=2&page=3", nil)
	assert.Len(t, decode[[]joinclient.Office](t, body), 1)
	resp, body := do(t, s, "GET", "/offices?countryCode=DEU", nil)
	wantError(t, resp, body, 400, "VALIDATION_ERROR")

	resp, body = do(t, s, "POST", "/offices", map[string]any{"countryIso": "de", "city": "Köln", "streetName": "Domkloster", "streetNumber": "4", "postalCode": "50667", "isDefault": true})
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	id := decode[joinclient.IDResponse](t, body).ID
	resp, body = do(t, s, "GET", "/offices/"+id.String(), nil)
	require.Equal(t, 200, resp.StatusCode)
	o := decode[joinclient.Office](t, body)
	assert.Equal(t, "DE", o.CountryISO)
	assert.Equal(t, "Köln", o.Name, "name defaults to the city")
	assert.True(t, o.IsDefault)
	old, _ := s.Store(s.Token()).Office(2001)
	assert.False(t, old.IsDefault, "only one default office")

	resp, body = do(t, s, "PATCH", "/offices/"+id.String(), map[string]any{"name": "Acme Robotics Cologne"})
	require.Equal(t, 200, resp.StatusCode, "%s", body)
	o2, _ := s.Store(s.Token()).Office(id)
	assert.Equal(t, "Acme Robotics Cologne", o2.Name)
	assert.Equal(t, "Köln", o2.City)

	resp, body = do(t, s, "POST", "/offices", map[string]any{"countryIso": "DE"})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), `"city"`)
	resp, body = do(t, s, "POST", "/offices", map[string]any{"countryIso": "Germany", "city": "Bonn"})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "countryIso")
	resp, body = do(t, s, "PATCH", "/offices/2001", map[string]any{"countryCode": "DE"})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "countryCode")
	resp, body = do(t, s, "GET", "/offices/3001", nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
	resp, body = do(t, s, "PATCH", "/offices/1", map[string]any{"city": "x"})
	wantError(t, resp, body, 404, "NOT_FOUND")
}

// ----------------------------------------------------------- candidates

func TestUpdateCandidate(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	// Pick a candidate with two applications.
	count := map[joinclient.ID]int{}
	for _, a := range st.Applications() {
		count[a.CandidateID]++
	}
	var cid joinclient.ID
	for id, n := range count {
		if n == 2 && (cid == 0 || id < cid) {
			cid = id
		}
	}
	require.NotZero(t, cid, "some candidates applied twice")

	resp, body := do(t, s, "PATCH", "/candidates/"+cid.String(), map[string]any{"lastName": "Renamed", "phone": "+49 30 555555"})
	require.Equal(t, 200, resp.StatusCode, "%s", body)
	for _, a := range st.Applications() {
		if a.CandidateID != cid {
			continue
		}
		_, body := do(t, s, "GET", "/applications/"+a.ID.String(), nil)
		got := decode[joinclient.Application](t, body)
		assert.Equal(t, "Renamed", got.Candidate.LastName)
		assert.Equal(t, "+49 30 555555", got.Candidate.PhoneNumber)
	}

	other := st.Candidates()[0]
	if other.ID == cid {
		other = st.Candidates()[1]
	}
	resp, body = do(t, s, "PATCH", "/candidates/"+cid.String(), map[string]any{"email": strings.ToUpper(other.Email)})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "another candidate")
	resp, body = do(t, s, "PATCH", "/candidates/"+cid.String(), map[string]any{"phoneNumber": "1"})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "phoneNumber")
	resp, body = do(t, s, "PATCH", "/candidates/"+cid.String(), map[string]any{"firstName": ""})
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
	resp, body = do(t, s, "PATCH", "/candidates/70001", map[string]any{"firstName": "X"})
	wantError(t, resp, body, 404, "NOT_FOUND")
}

func TestNotes(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: fixedNow}
	s := newServer(t, Options{Now: clock.Now})
	st := s.Store(s.Token())
	var withNotes joinclient.ID
	for _, c := range st.Candidates() {
		if len(st.Notes(c.ID)) >= 2 {
			withNotes = c.ID
			break
		}
	}
	require.NotZero(t, withNotes)
	resp, body := do(t, s, "GET", "/candidates/"+withNotes.String()+"/notes", nil)
	require.Equal(t, 200, resp.StatusCode)
	notes := decode[[]joinclient.Note](t, body)
	require.GreaterOrEqual(t, len(notes), 2)
	assert.LessOrEqual(t, notes[0].CreatedAt, notes[1].CreatedAt, "oldest first")
	assert.Contains(t, notes[0].Extra, "author")

	cid := st.Candidates()[0].ID
	base := "/candidates/" + cid.String() + "/notes"
	before := len(st.Notes(cid))
	clock.Advance(time.Minute)
	resp, body = do(t, s, "POST", base, map[string]string{"content": "Strong <b>Go</b> background 👍"})
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	nid := decode[joinclient.IDResponse](t, body).ID
	_, body = do(t, s, "GET", base+"?pageSize=50", nil)
	notes = decode[[]joinclient.Note](t, body)
	require.Len(t, notes, before+1)
	assert.Equal(t, "Strong <b>Go</b> background 👍", notes[len(notes)-1].Content)
	assert.Equal(t, "2026-07-01T10:01:00Z", notes[len(notes)-1].CreatedAt)

	clock.Advance(time.Minute)
	resp, body = do(t, s, "PATCH", base+"/"+nid.String(), map[string]string{"content": "edited"})
	require.Equal(t, 200, resp.StatusCode, "%s", body)
	assert.JSONEq(t, `{"id":`+nid.String()+`}`, string(body))
	n := st.Notes(cid)[len(st.Notes(cid))-1]
	assert.Equal(t, "edited", n.Content)
	assert.Equal(t, clock.Now(), n.LastUpdatedAt)

	// A note of another candidate is not found under this one.
	otherNote := st.Notes(withNotes)[0]
	resp, body = do(t, s, "PATCH", base+"/"+otherNote.ID.String(), map[string]string{"content": "x"})
	wantError(t, resp, body, 404, "NOT_FOUND")
	resp, body = do(t, s, "DELETE", base+"/"+otherNote.ID.String(), nil)
	wantError(t, resp, body, 404, "NOT_FOUND")

	resp, body = do(t, s, "POST", base, map[string]string{"content": "  "})
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
	resp, body = do(t, s, "POST", base, map[string]string{"content": strings.Repeat("ä", 10001)})
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "10000")
	resp, body = do(t, s, "POST", base, map[string]string{"text": "x"})
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
	resp, body = do(t, s, "POST", "/candidates/1/notes", map[string]string{"content": "x"})
	wantError(t, resp, body, 404, "NOT_FOUND")
	resp, body = do(t, s, "GET", "/candidates/1/notes", nil)
	wantError(t, resp, body, 404, "NOT_FOUND")

	resp, body = do(t, s, "DELETE", base+"/"+nid.String(), nil)
	assert.Equal(t, 204, resp.StatusCode)
	assert.Empty(t, body)
	assert.Len(t, st.Notes(cid), before)
	resp, body = do(t, s, "DELETE", base+"/"+nid.String(), nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
}

// ---------------------------------------------------------------- files

func TestAttachmentRedirectAndDownload(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	app := st.ApplicationsForJob(3001)[0]
	fid := app.AttachmentIDs[0]
	want, _ := st.File(fid)

	resp, body := do(t, s, "GET", "/attachments/"+fid.String(), nil)
	require.Equal(t, http.StatusFound, resp.StatusCode, "%s", body)
	loc := resp.Header.Get("Location")
	require.NotEmpty(t, loc)
	u, err := url.Parse(loc)
	require.NoError(t, err)
	assert.Equal(t, "/files/"+fid.String()+"/"+want.Name, u.Path)
	assert.NotEmpty(t, u.Query().Get("expires"))
	assert.NotEmpty(t, u.Query().Get("signature"))

	// No Authorization needed.
	dl, err := http.Get(loc)
	require.NoError(t, err)
	data, _ := io.ReadAll(dl.Body)
	dl.Body.Close()
	require.Equal(t, 200, dl.StatusCode, "%s", data)
	assert.Equal(t, want.Data, data)
	assert.Equal(t, "application/pdf", dl.Header.Get("Content-Type"))
	assert.Equal(t, `attachment; filename="`+want.Name+`"`, dl.Header.Get("Content-Disposition"))

	// Following the redirect with a normal client works too.
	req, _ := http.NewRequest("GET", s.URL()+"/attachments/"+fid.String(), nil)
	req.Header.Set("Authorization", s.Token())
	followed, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	data, _ = io.ReadAll(followed.Body)
	followed.Body.Close()
	assert.Equal(t, want.Data, data)

	// Tampering.
	q := u.Query()
	q.Set("signature", strings.Repeat("0", 64))
	u.RawQuery = q.Encode()
	bad, err := http.Get(u.String())
	require.NoError(t, err)
	data, _ = io.ReadAll(bad.Body)
	bad.Body.Close()
	assert.Equal(t, 403, bad.StatusCode)
	assert.Contains(t, string(data), "SignatureDoesNotMatch")

	fr := s.FileRequests()
	require.NotEmpty(t, fr)
	assert.Equal(t, 200, fr[0].Status)
	assert.Empty(t, fr[0].Token)

	resp, body = do(t, s, "GET", "/attachments/1", nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
}

func TestApplicationFileJSONAndExpiry(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: fixedNow}
	s := newServer(t, Options{Now: clock.Now, FileURLTTL: 10 * time.Minute})
	st := s.Store(s.Token())
	var docx File
	for _, f := range st.Files() {
		if strings.HasSuffix(f.Name, ".docx") {
			docx = f
			break
		}
	}
	require.NotZero(t, docx.ID)
	resp, body := do(t, s, "GET", "/applicationFiles/"+docx.ID.String(), nil)
	require.Equal(t, 200, resp.StatusCode)
	var meta applicationFileJSON
	require.NoError(t, json.Unmarshal(body, &meta))
	assert.Equal(t, docx.ID, meta.ID)
	assert.Equal(t, "COVER_LETTER", meta.Type)
	assert.Equal(t, docx.Name, meta.Name)
	assert.Equal(t, len(docx.Data), meta.Size)
	assert.Contains(t, meta.ContentType, "wordprocessingml")

	dl, err := http.Get(meta.URL)
	require.NoError(t, err)
	data, _ := io.ReadAll(dl.Body)
	dl.Body.Close()
	assert.Equal(t, docx.Data, data)
	assert.Contains(t, dl.Header.Get("Content-Type"), "wordprocessingml")

	clock.Advance(11 * time.Minute)
	expired, err := http.Get(meta.URL)
	require.NoError(t, err)
	data, _ = io.ReadAll(expired.Body)
	expired.Body.Close()
	assert.Equal(t, 403, expired.StatusCode)
	assert.Contains(t, string(data), "expired")

	resp, body = do(t, s, "GET", "/applicationFiles/2", nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
}

func TestSeparateFileHost(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{SeparateFileHost: true})
	st := s.Store(s.Token())
	fid := st.ApplicationsForJob(3001)[0].AttachmentIDs[0]
	assert.True(t, strings.HasPrefix(s.FileBaseURL(), "http://localhost:"))

	resp, _ := do(t, s, "GET", "/attachments/"+fid.String(), nil)
	loc := resp.Header.Get("Location")
	assert.True(t, strings.HasPrefix(loc, s.FileBaseURL()+"/files/"), loc)

	// Go's client drops Authorization when a redirect leaves the host name.
	req, _ := http.NewRequest("GET", s.URL()+"/attachments/"+fid.String(), nil)
	req.Header.Set("Authorization", s.Token())
	dl, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	io.Copy(io.Discard, dl.Body)
	dl.Body.Close()
	require.Equal(t, 200, dl.StatusCode)

	// A careless client that sends the token anyway is visible in the log.
	leak, _ := http.NewRequest("GET", loc, nil)
	leak.Header.Set("Authorization", s.Token())
	dl, err = http.DefaultClient.Do(leak)
	require.NoError(t, err)
	dl.Body.Close()

	fr := s.FileRequests()
	require.Len(t, fr, 2)
	assert.Empty(t, fr[0].Token)
	assert.Equal(t, s.Token(), fr[1].Token)
	assert.True(t, strings.HasPrefix(fr[0].Host, "localhost:"))

	// The API listener does not serve files in this mode.
	u, _ := url.Parse(loc)
	u.Host = strings.TrimPrefix(strings.TrimSuffix(s.URL(), "/v2"), "http://")
	r2, err := http.Get(u.String())
	require.NoError(t, err)
	r2.Body.Close()
	assert.Equal(t, 404, r2.StatusCode)
}

func TestContentDisposition(t *testing.T) {
	t.Parallel()
	assert.Equal(t, `attachment; filename="cv.pdf"`, contentDisposition("cv.pdf"))
	assert.Equal(t, `attachment; filename="Lebenslauf_J_rg.pdf"; filename*=UTF-8''Lebenslauf_J%C3%B6rg.pdf`, contentDisposition("Lebenslauf_Jörg.pdf"))
}

func TestEmptyServer(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{Empty: true})
	for _, p := range []string{"/jobs", "/applications", "/offices"} {
		_, body := do(t, s, "GET", p, nil)
		assert.JSONEq(t, "[]", string(body), p)
	}
	// Lookups are JOIN-wide and still there.
	_, body := do(t, s, "GET", "/employmentTypes", nil)
	assert.NotEqual(t, "[]", string(body))

	// Build a company from scratch through the API.
	resp, body := do(t, s, "POST", "/offices", map[string]any{"countryIso": "DE", "city": "Berlin"})
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	office := decode[joinclient.IDResponse](t, body).ID
	in := validJob()
	in["officeId"] = office
	resp, body = do(t, s, "POST", "/jobs", in)
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	job := decode[joinclient.IDResponse](t, body).ID
	resp, body = do(t, s, "POST", "/applications", newApplication(int(job), "first@example.com"))
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	_, body = do(t, s, "GET", "/applications", nil)
	apps := decode[[]joinclient.Application](t, body)
	require.Len(t, apps, 1)
	assert.Equal(t, "Data Engineer", apps[0].Job.Title)
	assert.Equal(t, []string{}, []string(apps[0].Tags))
	assert.Equal(t, joinclient.ID(2001), office, "an empty tenant starts its id ranges fresh")
}
