package tools_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestBadInput checks that bad arguments become tool errors that name the
// field, and that nothing reaches JOIN. Every one of the 27 API tools has at
// least one case.
func TestBadInput(t *testing.T) {
	long := strings.Repeat("x", 10001)
	tests := []struct {
		tool, args string
		field      string // must appear in the message
		also       string // optional further text that must appear
	}{
		// jobs
		{"join_list_jobs", `{"status":"PUBLISHED"}`, "status", "ONLINE, OFFLINE, ARCHIVED"},
		{"join_list_jobs", `{"pageSize":51}`, "pageSize", "<= 50"},
		{"join_list_jobs", `{"page":0}`, "page", ">= 1"},
		{"join_list_jobs", `{"limit":5}`, "limit", "unknown parameter"},
		{"join_list_jobs", `{"full":"yes"}`, "full", "true or false"},
		{"join_get_job", `{}`, "jobId", "is required"},
		{"join_get_job", `{"jobId":"3001"}`, "jobId", "must be a number"},
		{"join_get_job", `{"jobId":1.5}`, "jobId", "whole number"},
		{"join_get_job", `{"jobId":null}`, "jobId", "null"},
		{"join_create_job", `{"title":"T","description":"<p>x</p>","categoryId":101,"language":"en","employmentTypeId":1}`, "officeId", "is required"},
		{"join_create_job", `{` + newJobArgs + `,"status":"ARCHIVED"}`, "status", "OFFLINE, ONLINE"},
		{"join_create_job", `{` + newJobArgs + `,"language":"English"}`, "language", "format"},
		{"join_create_job", `{` + newJobArgs + `,"salary":{"currency":"YEN","frequency":"PER_YEAR"}}`, "salary.currency", "EUR"},
		{"join_create_job", `{` + newJobArgs + `,"title":""}`, "title", "empty"},
		{"join_update_job", `{"jobId":3001}`, "jobId", "no field to change"},
		{"join_update_job", `{"jobId":3001,"status":"ONLINE"}`, "status", "unknown parameter"},
		{"join_update_job", `{"jobId":3001,"workplaceType":"OFFICE"}`, "workplaceType", "ONSITE"},
		{"join_update_job_status", `{"jobId":3001}`, "status", "is required"},
		{"join_update_job_status", `{"jobId":3001,"status":"LIVE"}`, "status", "ONLINE, OFFLINE, ARCHIVED"},
		{"join_activate_job", `{}`, "jobId", "is required"},
		{"join_activate_job", `{"jobId":3001,"confirm":"yes"}`, "confirm", "true or false"},
		{"join_archive_job", `{"jobId":-1}`, "jobId", ">= 1"},
		// applications
		{"join_list_applications", `{"pageSize":51}`, "pageSize", "<= 50"},
		{"join_list_applications", `{"updatedAtGte":"yesterday"}`, "updatedAtGte", "RFC 3339"},
		{"join_list_applications", `{"jobId":"backend"}`, "jobId", "must be a number"},
		{"join_get_application", `{}`, "applicationId", "is required"},
		{"join_get_application", `{"applicationId":1,"id":1}`, "id", "unknown parameter"},
		{"join_create_application", `{"jobId":3001}`, "candidate", "is required"},
		{"join_create_application", `{"jobId":3001,"candidate":{"firstName":"A","lastName":"B"}}`, "candidate.email", "is required"},
		{"join_create_application", `{"jobId":3001,"candidate":{"firstName":"A","lastName":"B","email":"not-an-address"}}`, "candidate.email", ""},
		{"join_create_application", `{"jobId":3001,"candidate":{"firstName":"A","lastName":"B","email":"a@example.com"},"source":"LINKEDIN"}`, "source", "REFERRALS"},
		{"join_create_application", `{"jobId":3001,"candidate":{"firstName":"A","lastName":"B","email":"a@example.com"},"documents":[{"type":"RESUME","name":"cv.pdf","data":"JVBERg=="}]}`, "documents[0].type", "CV"},
		{"join_create_application", `{"jobId":3001,"candidate":{"firstName":"A","lastName":"B","email":"a@example.com"},"documents":[{"type":"CV","name":"cv.pdf","data":"%%%"}]}`, "documents[0].data", "base64"},
		{"join_delete_application", `{"applicationId":"70001"}`, "applicationId", "must be a number"},
		{"join_delete_application", `{"applicationId":70001,"force":true}`, "force", "unknown parameter"},
		{"join_update_application_tags", `{"applicationId":70001}`, "tags", "is required"},
		{"join_update_application_tags", `{"applicationId":70001,"tags":"urgent"}`, "tags", "array"},
		{"join_update_application_tags", `{"applicationId":70001,"tags":["ok","  "]}`, "tags[1]", "empty"},
		{"join_update_application_integration_data", `{"applicationId":70001,"externalId":""}`, "externalId", "empty"},
		{"join_update_application_integration_data", `{"applicationId":70001}`, "externalId", "is required"},
		// lookups
		{"join_list_categories", `{"language":"deu"}`, "language", "format"},
		{"join_list_employment_types", `{"lang":"de"}`, "lang", "unknown parameter"},
		{"join_list_seniority_levels", `{"language":7}`, "language", "string"},
		// offices
		{"join_list_offices", `{"pageSize":51}`, "pageSize", "<= 50"},
		{"join_list_offices", `{"countryCode":"DEU"}`, "countryCode", "format"},
		{"join_get_office", `{}`, "officeId", "is required"},
		{"join_create_office", `{"city":"Berlin"}`, "countryIso", "is required"},
		{"join_create_office", `{"city":"","countryIso":"DE"}`, "city", "empty"},
		{"join_update_office", `{"officeId":2001}`, "officeId", "no field to change"},
		{"join_update_office", `{"officeId":2001,"countryIso":"Germany"}`, "countryIso", "format"},
		// candidates
		{"join_list_candidate_notes", `{}`, "candidateId", "is required"},
		{"join_list_candidate_notes", `{"candidateId":50001,"pageSize":51}`, "pageSize", "<= 50"},
		{"join_create_candidate_note", `{"candidateId":50001,"content":""}`, "content", "empty"},
		{"join_create_candidate_note", fmt.Sprintf(`{"candidateId":50001,"content":%q}`, long), "content", "at most 10000"},
		{"join_update_candidate_note", `{"candidateId":50001,"content":"x"}`, "noteId", "is required"},
		{"join_delete_candidate_note", `{"candidateId":50001,"noteId":0}`, "noteId", ">= 1"},
		{"join_update_candidate", `{"candidateId":50001}`, "candidateId", "no field to change"},
		{"join_update_candidate", `{"candidateId":50001,"email":"nope","confirm":true}`, "email", ""},
		{"join_update_candidate", `{"candidateId":50001,"firstName":""}`, "firstName", "empty"},
		// attachments
		{"join_get_attachment", `{"attachmentId":"abc"}`, "attachmentId", "must be a number"},
		{"join_get_application_file", `{"fileId":0}`, "fileId", ">= 1"},
		// arguments that are not an object at all
		{"join_get_job", `[3001]`, "arguments", "object"},
	}
	covered := map[string]bool{}
	e := newEnv(t, setup{})
	for _, tc := range tests {
		covered[tc.tool] = true
		t.Run(tc.tool+" "+tc.args[:min(len(tc.args), 60)], func(t *testing.T) {
			e := e.in(t)
			e.fake.ResetRequests()
			msg := e.fails(tc.tool, tc.args)
			assert.Contains(t, msg, tc.field, "the message names the field")
			if tc.also != "" {
				assert.Contains(t, msg, tc.also)
			}
			e.expectNoRequests()
		})
	}
	for name := range apiTools {
		assert.True(t, covered[name], "%s has no bad-input case", name)
	}
}

// TestBadInputListsValidParameters checks that an unknown parameter error
// tells the model what it may send instead.
func TestBadInputListsValidParameters(t *testing.T) {
	e := newEnv(t, setup{})
	msg := e.fails("join_list_jobs", `{"state":"ONLINE"}`)
	for _, p := range []string{"status", "page", "pageSize", "full"} {
		assert.Contains(t, msg, p)
	}
	assert.Contains(t, msg, "join_list_jobs")
	e.expectNoRequests()
}
