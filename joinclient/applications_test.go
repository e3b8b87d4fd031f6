package joinclient

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestApplicationsService_List(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/applications", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, url.Values{
			"page": {"1"}, "pageSize": {"25"}, "jobId": {"7"}, "jobExternalId": {"ext-7"},
			// Sent in UTC whatever the caller's zone.
			"updatedAtGte": {"2026-07-01T08:00:00Z"},
		})
		writeJSON(w, http.StatusOK, `[{"id": 987654, "hiringState": "APPLIED",
			"candidate": {"id": 55, "firstName": "Jane", "lastName": "Doe", "email": "jane@example.com"},
			"job": {"id": 7, "title": "Backend Engineer", "externalId": "ext-7"}}]`)
	})

	since := time.Date(2026, 7, 1, 10, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	apps, _, err := f.client.Applications.List(context.Background(), ApplicationListOptions{
		ListOptions: ListOptions{PageSize: 25}, JobID: 7, JobExternalID: "ext-7", UpdatedAtGte: since,
	})
	require.NoError(t, err)
	require.Len(t, apps, 1)
	assert.Equal(t, ID(987654), apps[0].ID)
	assert.Equal(t, ID(55), apps[0].Candidate.ID)
	assert.Equal(t, "ext-7", apps[0].Job.ExternalID)
}

func TestApplicationsService_Get(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/applications/987654", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, nil)
		writeJSON(w, http.StatusOK, `{"id": 987654, "hiringState": "ACTIVE", "tags": ["senior"],
			"attachments": [{"type": "CV", "url": "https://files.example.com/cv.pdf?sig=1"}]}`)
	})
	app, _, err := f.client.Applications.Get(context.Background(), 987654)
	require.NoError(t, err)
	assert.Equal(t, &Application{
		ID: 987654, HiringState: "ACTIVE", Tags: Tags{"senior"},
		Attachments: []Attachment{{Type: "CV", URL: "https://files.example.com/cv.pdf?sig=1"}},
	}, app)
}

func TestApplicationsService_Create(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPost, "/applications", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		// documents[].data goes out as base64 ("%PDF" → "JVBERg==").
		testBody(t, r, `{
			"jobId": 7,
			"candidate": {"firstName": "Jane", "lastName": "Doe", "email": "jane@example.com", "phone": "+49301234"},
			"source": "REFERRALS",
			"integrationExternalId": "form-1",
			"documents": [{"type": "CV", "name": "cv.pdf", "data": "JVBERg=="}]
		}`)
		writeJSON(w, http.StatusCreated, `{"id": 1001, "candidateId": "55"}`)
	})
	out, _, err := f.client.Applications.Create(context.Background(), &CreateApplicationRequest{
		JobID:                 7,
		Candidate:             NewCandidate{FirstName: "Jane", LastName: "Doe", Email: "jane@example.com", Phone: "+49301234"},
		Source:                "REFERRALS",
		IntegrationExternalID: "form-1",
		Documents:             []Document{{Type: "CV", Name: "cv.pdf", Data: []byte("%PDF")}},
	})
	require.NoError(t, err)
	assert.Equal(t, ID(1001), out.ID)
	assert.Equal(t, ID(55), out.CandidateID)
}

func TestApplicationsService_Create_duplicate(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPost, "/applications", func(w http.ResponseWriter, r *http.Request) {
		joinError(w, http.StatusUnprocessableEntity, "VALIDATION", "Application already exists")
	})
	_, _, err := f.client.Applications.Create(context.Background(), &CreateApplicationRequest{
		JobID: 7, Candidate: NewCandidate{FirstName: "Jane", LastName: "Doe", Email: "jane@example.com"},
	})
	e := requireAPIError(t, err, http.StatusUnprocessableEntity)
	assert.Contains(t, e.Message, "already exists")
	assert.True(t, IsValidation(err))
	assert.Equal(t, int64(1), f.requests.Load(), "a failed POST is not retried")
}

func TestApplicationsService_Delete(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodDelete, "/applications/987654", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := f.client.Applications.Delete(context.Background(), 987654)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestApplicationsService_UpdateTags(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/applications/987654/tags", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"tags": ["senior", "go"]}`)
		writeJSON(w, http.StatusOK, `{"id": 987654}`)
	})
	out, _, err := f.client.Applications.UpdateTags(context.Background(), 987654, []string{" senior", "go "})
	require.NoError(t, err)
	assert.Equal(t, ID(987654), out.ID)
}

func TestApplicationsService_UpdateTags_clear(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/applications/1/tags", func(w http.ResponseWriter, r *http.Request) {
		// Replace-all with nothing must send [] (not null).
		testBody(t, r, `{"tags": []}`)
		writeJSON(w, http.StatusOK, `{"id": 1}`)
	})
	_, _, err := f.client.Applications.UpdateTags(context.Background(), 1, nil)
	require.NoError(t, err)
}

func TestApplicationsService_UpdateIntegrationData(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/applications/987654/integrationData", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"externalId": "crm-42"}`)
		writeJSON(w, http.StatusOK, `{"id": 987654}`)
	})
	out, _, err := f.client.Applications.UpdateIntegrationData(context.Background(), 987654, "crm-42")
	require.NoError(t, err)
	assert.Equal(t, ID(987654), out.ID)
}
