package joinclient

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJobsService_List(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/jobs", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, url.Values{"page": {"2"}, "pageSize": {"10"}, "status": {"ONLINE"}, "content": {"true"}})
		writeJSON(w, http.StatusOK, `[
			{"id": 1, "title": "Backend Engineer", "status": "ONLINE", "office": {"id": 3, "name": "HQ", "city": "Berlin", "countryIso": "DE"}},
			{"id": "2", "title": "Designer", "status": "ONLINE"}
		]`)
	})

	jobs, resp, err := f.client.Jobs.List(context.Background(), JobListOptions{
		ListOptions: ListOptions{Page: 2, PageSize: 10}, Status: "ONLINE", Content: true,
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 1, resp.Attempts)
	require.Len(t, jobs, 2)
	assert.Equal(t, ID(1), jobs[0].ID)
	assert.Equal(t, "Backend Engineer", jobs[0].Title)
	require.NotNil(t, jobs[0].Office)
	assert.Equal(t, "Berlin", jobs[0].Office.City)
	assert.Equal(t, ID(2), jobs[1].ID)
}

func TestJobsService_List_defaults(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/jobs", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"page": {"1"}, "pageSize": {"50"}})
		writeJSON(w, http.StatusOK, `[]`)
	})
	jobs, _, err := f.client.Jobs.List(context.Background(), JobListOptions{})
	require.NoError(t, err)
	assert.Empty(t, jobs)
}

func TestJobsService_Get(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, nil)
		writeJSON(w, http.StatusOK, `{"id": 7, "title": "Backend Engineer", "description": "<p>Go</p>",
			"workplaceType": "REMOTE", "remoteType": "COUNTRY", "categoryId": 12, "employmentTypeId": 2,
			"seniorityId": null, "language": "en", "externalId": "ext-7"}`)
	})

	job, _, err := f.client.Jobs.Get(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, &Job{
		ID: 7, Title: "Backend Engineer", Description: "<p>Go</p>", WorkplaceType: "REMOTE", RemoteType: "COUNTRY",
		CategoryID: 12, EmploymentTypeID: 2, Language: "en", ExternalID: "ext-7",
	}, job)
}

func TestJobsService_Get_notFound(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/jobs/8", func(w http.ResponseWriter, r *http.Request) {
		joinError(w, http.StatusNotFound, "NOT_FOUND", "Job not found")
	})
	job, resp, err := f.client.Jobs.Get(context.Background(), 8)
	assert.Nil(t, job)
	require.NotNil(t, resp)
	assert.True(t, IsNotFound(err))
}

func TestJobsService_Create(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPost, "/jobs", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testBody(t, r, `{
			"title": "Backend Engineer", "description": "<p>Go</p>", "categoryId": 12, "language": "en",
			"employmentTypeId": 2, "officeId": 3, "externalId": "ext-1", "status": "OFFLINE",
			"workplaceType": "REMOTE", "remoteType": "ANYWHERE", "seniorityId": 4, "cv": "REQUIRED",
			"coverLetter": "OFF",
			"salary": {"from": 50000, "to": 70000, "currency": "EUR", "frequency": "PER_YEAR", "isShownOnJobAd": true},
			"contact": {"name": "Jo", "email": "jo@example.com", "position": "CTO"},
			"contactPerson": "jo@example.com",
			"questions": [{"name": "Why us?", "type": "TEXT", "required": true}],
			"hiringTeam": [{"hiringTeamMember": "jo@example.com", "jobRole": "admin"}]
		}`)
		writeJSON(w, http.StatusCreated, `{"id": 99}`)
	})

	out, resp, err := f.client.Jobs.Create(context.Background(), &JobRequest{
		Title: "Backend Engineer", Description: "<p>Go</p>", CategoryID: 12, Language: "en",
		EmploymentTypeID: 2, OfficeID: 3, ExternalID: "ext-1", Status: "OFFLINE",
		WorkplaceType: "REMOTE", RemoteType: "ANYWHERE", SeniorityID: 4, CV: "REQUIRED", CoverLetter: "OFF",
		Salary:        &Salary{From: ptr(50000.0), To: ptr(70000.0), Currency: "EUR", Frequency: "PER_YEAR", IsShownOnJobAd: ptr(true)},
		Contact:       &Contact{Name: "Jo", Email: "jo@example.com", Position: "CTO"},
		ContactPerson: "jo@example.com",
		Questions:     []Question{{Name: "Why us?", Type: "TEXT", Required: true}},
		HiringTeam:    []HiringTeamMember{{HiringTeamMember: "jo@example.com", JobRole: "admin"}},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, ID(99), out.ID)
}

func TestJobsService_Update(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"title": "Senior Backend Engineer", "salary": {"to": 90000}}`)
		writeJSON(w, http.StatusOK, `{"id": 7}`)
	})
	out, _, err := f.client.Jobs.Update(context.Background(), 7, &JobRequest{
		Title: "Senior Backend Engineer", Salary: &Salary{To: ptr(90000.0)},
	})
	require.NoError(t, err)
	assert.Equal(t, ID(7), out.ID)
}

func TestJobsService_ChangeStatus(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/jobs/7/changeStatus", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"status": "ARCHIVED"}`)
		writeJSON(w, http.StatusOK, `{"id": 7}`)
	})
	out, _, err := f.client.Jobs.ChangeStatus(context.Background(), 7, "ARCHIVED")
	require.NoError(t, err)
	assert.Equal(t, ID(7), out.ID)
}

func TestJobsService_Activate(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/jobs/7/activate", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		writeJSON(w, http.StatusOK, `{"id": 7}`)
	})
	out, _, err := f.client.Jobs.Activate(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, ID(7), out.ID)
}

func TestJobsService_Archive(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/jobs/7/archive", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		// An empty 2xx body is fine for a write.
		w.WriteHeader(http.StatusNoContent)
	})
	out, resp, err := f.client.Jobs.Archive(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Equal(t, &IDResponse{}, out)
}
