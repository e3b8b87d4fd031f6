package tools_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
)

func TestListApplicationsTool(t *testing.T) {
	e := newEnv(t, setup{})
	total := len(e.store().ApplicationsForJob(jobBackend))
	require.Equal(t, 44, total, "seed: the backend job has 44 applications")

	t.Run("first page", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_applications", `{"jobId":3001}`)
		assert.Equal(t, []string{"GET /applications?jobId=3001&page=1&pageSize=20"}, e.sent())
		assert.EqualValues(t, 20, sc["returned"])
		assert.Equal(t, true, sc["hasMore"])
		list := items(t, sc)
		require.Len(t, list, 20)
		var prev string
		for _, it := range list {
			a := it.(map[string]any)
			assert.EqualValues(t, jobBackend, a["job"].(map[string]any)["id"])
			assert.NotEmpty(t, a["candidate"].(map[string]any)["email"])
			assert.NotEmpty(t, a["hiringState"])
			assert.NotContains(t, a, "attachments", "summaries count attachments instead of listing them")
			if prev != "" {
				assert.LessOrEqual(t, a["createdAt"], prev, "newest first")
			}
			prev = a["createdAt"].(string)
		}
		// The summary matches the fake's record.
		first := list[0].(map[string]any)
		app, ok := e.store().Application(joinclient.ID(num(first["id"])))
		require.True(t, ok)
		cand := candidateOf(t, e.store(), app.CandidateID)
		assert.Equal(t, cand.Email, first["candidate"].(map[string]any)["email"])
		assert.EqualValues(t, len(app.AttachmentIDs), num(first["attachmentCount"]))
	})

	t.Run("last page", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_applications", `{"jobId":3001,"page":3}`)
		assert.Equal(t, []string{"GET /applications?jobId=3001&page=3&pageSize=20"}, e.sent())
		assert.EqualValues(t, 3, sc["page"])
		assert.EqualValues(t, total-40, sc["returned"])
		assert.Equal(t, false, sc["hasMore"])
	})

	t.Run("filters", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		since := fixedNow.Add(-7 * 24 * time.Hour).Format(time.RFC3339)
		sc := e.ok("join_list_applications", fmt.Sprintf(`{"jobExternalId":"ATS-ENG-2026-014","updatedAtGte":%q,"pageSize":50}`, since))
		assert.Equal(t, []string{"GET /applications?jobExternalId=ATS-ENG-2026-014&page=1&pageSize=50&updatedAtGte=" + url.QueryEscape(since)}, e.sent())
		list := items(t, sc)
		require.NotEmpty(t, list)
		for _, it := range list {
			a := it.(map[string]any)
			assert.EqualValues(t, jobBackend, a["job"].(map[string]any)["id"])
			assert.GreaterOrEqual(t, a["lastUpdatedAt"], since)
		}
	})

	t.Run("full", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_applications", `{"jobId":3001,"pageSize":3,"full":true}`)
		assert.Equal(t, []string{"GET /applications?jobId=3001&page=1&pageSize=3"}, e.sent())
		list := items(t, sc)
		require.Len(t, list, 3)
		for _, it := range list {
			a := it.(map[string]any)
			assert.Contains(t, a, "attachments", "full records list attachments")
			assert.Contains(t, a, "source")
			assert.Contains(t, a, "screeningAnswers", "full records keep fields the server does not model")
		}
	})

	t.Run("404", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		e.fake.FailNext(1, http.StatusNotFound)
		msg := e.fails("join_list_applications", `{"jobId":3001}`)
		assert.True(t, contains(msg, "JOIN found nothing", "404", "/applications"), msg)
		assert.Len(t, e.sent(), 1, "a 404 is not retried")
	})
}

func TestGetApplicationTool(t *testing.T) {
	e := newEnv(t, setup{})
	app := taggedApp(t, e.store())
	cand := candidateOf(t, e.store(), app.CandidateID)

	sc := e.ok("join_get_application", fmt.Sprintf(`{"applicationId":%d}`, app.ID))
	assert.Equal(t, []string{fmt.Sprintf("GET /applications/%d", app.ID)}, e.sent())
	assert.EqualValues(t, app.ID, sc["id"])
	assert.Equal(t, app.HiringState, sc["hiringState"])
	c := sc["candidate"].(map[string]any)
	assert.EqualValues(t, cand.ID, c["id"])
	assert.Equal(t, cand.Email, c["email"])
	assert.Equal(t, cand.LastName, c["lastName"])
	assert.EqualValues(t, jobBackend, sc["job"].(map[string]any)["id"])
	assert.ElementsMatch(t, app.Tags, sc["tags"])
	var ids []joinclient.ID
	for _, at := range sc["attachments"].([]any) {
		ids = append(ids, joinclient.ID(num(at.(map[string]any)["id"])))
	}
	assert.Equal(t, app.AttachmentIDs, ids)

	e.fake.ResetRequests()
	msg := e.fails("join_get_application", `{"applicationId":999999}`)
	assert.True(t, contains(msg, "404", "/applications/999999", "join_list_applications"), msg)
	assert.Equal(t, []string{"GET /applications/999999"}, e.sent())
}

// pdfBytes is a tiny but well-formed-looking PDF.
var pdfBytes = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

func TestCreateApplicationTool(t *testing.T) {
	t.Run("with a document", func(t *testing.T) {
		e := newEnv(t, setup{})
		data := base64.StdEncoding.EncodeToString(pdfBytes)
		sc := e.ok("join_create_application", fmt.Sprintf(`{"jobId":3002,"candidate":{"firstName":"Ada","lastName":"Lovelace","email":"ada.lovelace@example.net","phone":"+44 20 7946 0000"},
			"source":"REFERRALS","integrationExternalId":"crm-1","documents":[{"type":"CV","name":"ada-cv.pdf","data":%q}]}`, data))
		assert.Equal(t, "done", sc["status"])
		assert.Contains(t, sc["message"], "Ada Lovelace")

		w := e.lastWrite()
		assert.Equal(t, []string{"POST /applications"}, e.sent())
		assert.JSONEq(t, fmt.Sprintf(`{"jobId":3002,"candidate":{"firstName":"Ada","lastName":"Lovelace","email":"ada.lovelace@example.net","phone":"+44 20 7946 0000"},
			"source":"REFERRALS","integrationExternalId":"crm-1","documents":[{"type":"CV","name":"ada-cv.pdf","data":%q}]}`, data), string(w.Body))

		app, ok := e.store().Application(joinclient.ID(num(sc["id"])))
		require.True(t, ok, "the fake has the application")
		assert.EqualValues(t, num(sc["candidateId"]), app.CandidateID)
		assert.Equal(t, joinclient.ID(3002), app.JobID)
		assert.Equal(t, "REFERRALS", app.Source)
		assert.Equal(t, "crm-1", app.IntegrationExternalID)
		assert.Equal(t, "ada.lovelace@example.net", candidateOf(t, e.store(), app.CandidateID).Email)
		require.Len(t, app.AttachmentIDs, 1)
		f, ok := e.store().File(app.AttachmentIDs[0])
		require.True(t, ok)
		assert.Equal(t, pdfBytes, f.Data, "the fake holds the decoded bytes")
		assert.Equal(t, "ada-cv.pdf", f.Name)
		assert.Equal(t, "CV", f.Type)
		assert.Equal(t, "application/pdf", f.ContentType)
	})

	t.Run("bad base64", func(t *testing.T) {
		e := newEnv(t, setup{})
		msg := e.fails("join_create_application", `{"jobId":3002,"candidate":{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.net"},"documents":[{"type":"CV","name":"cv.pdf","data":"not base64!"}]}`)
		assert.Contains(t, msg, "documents[0].data")
		assert.Contains(t, msg, "base64")
		e.expectNoRequests()
	})

	t.Run("duplicate", func(t *testing.T) {
		e := newEnv(t, setup{})
		app := taggedApp(t, e.store())
		cand := candidateOf(t, e.store(), app.CandidateID)
		before := len(e.store().Applications())
		msg := e.fails("join_create_application", fmt.Sprintf(`{"jobId":%d,"candidate":{"firstName":"X","lastName":"Y","email":%q}}`, app.JobID, cand.Email))
		assert.True(t, contains(msg, "already applied", "join_list_applications", "candidate.email"), msg)
		assert.Equal(t, []string{"POST /applications"}, e.sent())
		assert.Len(t, e.store().Applications(), before)
	})

	t.Run("unknown job", func(t *testing.T) {
		e := newEnv(t, setup{})
		msg := e.fails("join_create_application", `{"jobId":999999,"candidate":{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.net"}}`)
		assert.True(t, contains(msg, "999999", "not a job"), msg)
		assert.Equal(t, []string{"POST /applications"}, e.sent())
	})
}

func TestUpdateApplicationIntegrationDataTool(t *testing.T) {
	e := newEnv(t, setup{})
	app := taggedApp(t, e.store())
	sc := e.ok("join_update_application_integration_data", fmt.Sprintf(`{"applicationId":%d,"externalId":"crm-42"}`, app.ID))
	assert.Equal(t, "done", sc["status"])
	assert.EqualValues(t, app.ID, sc["id"])
	assert.Contains(t, sc["message"], "crm-42")

	w := e.lastWrite()
	assert.Equal(t, []string{fmt.Sprintf("PATCH /applications/%d/integrationData", app.ID)}, e.sent())
	assert.JSONEq(t, `{"externalId":"crm-42"}`, string(w.Body))
	got, _ := e.store().Application(app.ID)
	assert.Equal(t, "crm-42", got.IntegrationExternalID)

	e.fake.ResetRequests()
	msg := e.fails("join_update_application_integration_data", `{"applicationId":999999,"externalId":"crm-42"}`)
	assert.True(t, contains(msg, "404", "/applications/999999"), msg)
	assert.Equal(t, []string{"PATCH /applications/999999/integrationData"}, e.sent())
}
