package tools_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
)

func TestListJobsTool(t *testing.T) {
	e := newEnv(t, setup{})

	t.Run("defaults", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_jobs", `{}`)
		assert.Equal(t, []string{"GET /jobs?page=1&pageSize=20"}, e.sent())
		assert.EqualValues(t, 1, sc["page"])
		assert.EqualValues(t, 20, sc["pageSize"])
		assert.EqualValues(t, 12, sc["returned"])
		assert.Equal(t, false, sc["hasMore"])
		assert.Len(t, items(t, sc), 12)
	})

	t.Run("status filter and first page", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_jobs", `{"status":"ONLINE","pageSize":4}`)
		assert.Equal(t, []string{"GET /jobs?page=1&pageSize=4&status=ONLINE"}, e.sent())
		assert.Equal(t, true, sc["hasMore"])
		assert.EqualValues(t, 4, sc["returned"])
		list := items(t, sc)
		require.Len(t, list, 4)
		first := list[0].(map[string]any)
		assert.EqualValues(t, jobBackend, first["id"])
		assert.Equal(t, "Backend Engineer (Go)", first["title"])
		assert.Equal(t, "ONLINE", first["status"])
		assert.Equal(t, "Berlin", first["office"].(map[string]any)["city"])
		assert.NotContains(t, first, "description", "summaries leave out the HTML description")
		for _, it := range list {
			assert.Equal(t, "ONLINE", it.(map[string]any)["status"])
		}
	})

	t.Run("last page", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_jobs", `{"status":"ONLINE","pageSize":4,"page":2}`)
		assert.Equal(t, []string{"GET /jobs?page=2&pageSize=4&status=ONLINE"}, e.sent())
		assert.EqualValues(t, 2, sc["page"])
		assert.EqualValues(t, 2, sc["returned"])
		assert.Equal(t, false, sc["hasMore"])
		assert.Len(t, items(t, sc), 2)
	})

	t.Run("full", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		sc := e.ok("join_list_jobs", `{"status":"OFFLINE","full":true}`)
		assert.Equal(t, []string{"GET /jobs?content=true&page=1&pageSize=20&status=OFFLINE"}, e.sent())
		list := items(t, sc)
		require.Len(t, list, 4)
		first := list[0].(map[string]any)
		assert.EqualValues(t, jobOffline, first["id"])
		assert.NotEmpty(t, first["description"], "full records carry the description")
		assert.Contains(t, first, "publicUrl", "full records keep fields the server does not model")
	})

	t.Run("404", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		e.fake.FailNext(1, http.StatusNotFound)
		msg := e.fails("join_list_jobs", `{}`)
		assert.True(t, contains(msg, "JOIN found nothing", "404", "/jobs"), msg)
		assert.Len(t, e.sent(), 1, "a 404 is not retried")
	})
}

func TestGetJobTool(t *testing.T) {
	e := newEnv(t, setup{})
	sc := e.ok("join_get_job", `{"jobId":3001}`)
	assert.Equal(t, []string{"GET /jobs/3001"}, e.sent())
	assert.EqualValues(t, jobBackend, sc["id"])
	assert.Equal(t, "Backend Engineer (Go)", sc["title"])
	assert.Equal(t, "ONLINE", sc["status"])
	assert.Equal(t, "ATS-ENG-2026-014", sc["externalId"])
	assert.Contains(t, sc["description"], "<")
	assert.Equal(t, "EUR", sc["salary"].(map[string]any)["currency"])
	assert.Contains(t, sc, "publicUrl", "get returns every field JOIN sends")
	assert.Contains(t, sc, "openedAt")

	e.fake.ResetRequests()
	msg := e.fails("join_get_job", `{"jobId":999999}`)
	assert.True(t, contains(msg, "404", "/jobs/999999", "join_list_jobs"), msg)
	assert.Equal(t, []string{"GET /jobs/999999"}, e.sent())
}

const newJobArgs = `"title":"Platform Engineer","description":"<p>Build our platform.</p>","categoryId":103,"language":"en","employmentTypeId":1,"officeId":2001`

func TestCreateJobTool(t *testing.T) {
	t.Run("default creates OFFLINE", func(t *testing.T) {
		e := newEnv(t, setup{})
		before := len(e.store().Jobs())
		sc := e.ok("join_create_job", `{`+newJobArgs+`,"salary":{"from":70000,"to":90000,"currency":"EUR","frequency":"PER_YEAR"}}`)
		assert.Equal(t, "done", sc["status"])
		assert.Contains(t, sc["message"], "OFFLINE")

		w := e.lastWrite()
		assert.Equal(t, "POST /jobs", w.Method+" "+w.Path)
		assert.Equal(t, []string{"POST /jobs"}, e.sent(), "creating OFFLINE needs no read and no confirmation")
		assert.JSONEq(t, `{"title":"Platform Engineer","description":"<p>Build our platform.</p>","categoryId":103,"language":"en",
			"employmentTypeId":1,"officeId":2001,"status":"OFFLINE",
			"salary":{"from":70000,"to":90000,"currency":"EUR","frequency":"PER_YEAR"}}`, string(w.Body))

		id := joinclient.ID(num(sc["id"]))
		require.NotZero(t, id)
		job, ok := e.store().Job(id)
		require.True(t, ok, "the fake has the new job")
		assert.Equal(t, "OFFLINE", job.Status)
		assert.Equal(t, "Platform Engineer", job.Title)
		assert.Equal(t, joinclient.ID(officeBerlin), job.OfficeID)
		assert.Len(t, e.store().Jobs(), before+1)
	})

	t.Run("explicit OFFLINE needs no confirm", func(t *testing.T) {
		e := newEnv(t, setup{elicit: accept()})
		sc := e.ok("join_create_job", `{`+newJobArgs+`,"status":"OFFLINE"}`)
		assert.Equal(t, "done", sc["status"])
		assert.Empty(t, e.elicit.asked(), "an OFFLINE draft is not gated")
		assert.Equal(t, "OFFLINE", bodyOf(t, e.lastWrite())["status"])
	})

	t.Run("ONLINE without confirm previews", func(t *testing.T) {
		e := newEnv(t, setup{})
		before := len(e.store().Jobs())
		sc := e.ok("join_create_job", `{`+newJobArgs+`,"status":"ONLINE"}`)
		assert.Equal(t, "needs_confirmation", sc["status"])
		preview := sc["preview"].(map[string]any)
		assert.Equal(t, "POST /jobs", preview["request"])
		assert.Contains(t, preview["action"], "Platform Engineer")
		assert.Equal(t, "ONLINE", preview["current"].(map[string]any)["status"], "the preview shows the body that would be sent")
		assert.Contains(t, preview["warnings"].([]any)[0], "multipost")
		e.expectNoRequests()
		assert.Len(t, e.store().Jobs(), before)
	})

	t.Run("unknown office", func(t *testing.T) {
		e := newEnv(t, setup{})
		before := len(e.store().Jobs())
		msg := e.fails("join_create_job", `{"title":"X","description":"<p>x</p>","categoryId":101,"language":"en","employmentTypeId":1,"officeId":999999}`)
		assert.True(t, contains(msg, "officeId 999999", "GET /offices", "Nothing was changed"), msg)
		assert.Equal(t, []string{"POST /jobs"}, e.sent())
		assert.Len(t, e.store().Jobs(), before)
	})

	t.Run("JOIN refuses", func(t *testing.T) {
		e := newEnv(t, setup{})
		msg := e.fails("join_create_job", `{"title":"X","description":"<p>x</p>","categoryId":1,"language":"en","employmentTypeId":1,"officeId":2001}`)
		assert.True(t, contains(msg, "JOIN refused", "categoryId 1 is a category", "Nothing was changed"), msg)
		assert.Equal(t, []string{"POST /jobs"}, e.sent())
	})
}
