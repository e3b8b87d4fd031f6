package joinclient

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// validJob returns a create request with the six required fields set.
func validJob() *JobRequest {
	return &JobRequest{Title: "Backend Engineer", Description: "<p>Go</p>", CategoryID: 12, Language: "en", EmploymentTypeID: 2, OfficeID: 3}
}

func jobWith(change func(*JobRequest)) *JobRequest {
	r := validJob()
	change(r)
	return r
}

func validApplication() *CreateApplicationRequest {
	return &CreateApplicationRequest{JobID: 7, Candidate: NewCandidate{FirstName: "Jane", LastName: "Doe", Email: "jane@example.com"}}
}

func applicationWith(change func(*CreateApplicationRequest)) *CreateApplicationRequest {
	r := validApplication()
	change(r)
	return r
}

// firstErr drains an iterator and returns its first error.
func firstErr[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestArgumentChecks checks that bad arguments are refused with an *ArgError
// naming the field, before any request leaves the client.
func TestArgumentChecks(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		field string
		call  func(c *Client) error
	}{
		// ids
		{"job get id 0", "jobId", func(c *Client) error { _, _, err := c.Jobs.Get(ctx, 0); return err }},
		{"job get id -1", "jobId", func(c *Client) error { _, _, err := c.Jobs.Get(ctx, -1); return err }},
		{"job update id 0", "jobId", func(c *Client) error { _, _, err := c.Jobs.Update(ctx, 0, &JobRequest{Title: "t"}); return err }},
		{"job changeStatus id 0", "jobId", func(c *Client) error { _, _, err := c.Jobs.ChangeStatus(ctx, 0, "ONLINE"); return err }},
		{"job activate id 0", "jobId", func(c *Client) error { _, _, err := c.Jobs.Activate(ctx, 0); return err }},
		{"job archive id 0", "jobId", func(c *Client) error { _, _, err := c.Jobs.Archive(ctx, 0); return err }},
		{"application get id 0", "applicationId", func(c *Client) error { _, _, err := c.Applications.Get(ctx, 0); return err }},
		{"application delete id 0", "applicationId", func(c *Client) error { _, err := c.Applications.Delete(ctx, 0); return err }},
		{"application tags id 0", "applicationId", func(c *Client) error { _, _, err := c.Applications.UpdateTags(ctx, 0, []string{"a"}); return err }},
		{"application integration id 0", "applicationId", func(c *Client) error {
			_, _, err := c.Applications.UpdateIntegrationData(ctx, 0, "x")
			return err
		}},
		{"application list jobId -1", "jobId", func(c *Client) error {
			_, _, err := c.Applications.List(ctx, ApplicationListOptions{JobID: -1})
			return err
		}},
		{"office get id 0", "officeId", func(c *Client) error { _, _, err := c.Offices.Get(ctx, 0); return err }},
		{"office update id 0", "officeId", func(c *Client) error { _, _, err := c.Offices.Update(ctx, 0, &OfficeRequest{Name: "n"}); return err }},
		{"candidate update id 0", "candidateId", func(c *Client) error {
			_, _, err := c.Candidates.Update(ctx, 0, &UpdateCandidateRequest{FirstName: "a"})
			return err
		}},
		{"notes list id 0", "candidateId", func(c *Client) error { _, _, err := c.Candidates.ListNotes(ctx, 0, ListOptions{}); return err }},
		{"note create id 0", "candidateId", func(c *Client) error { _, _, err := c.Candidates.CreateNote(ctx, 0, "n"); return err }},
		{"note update candidate 0", "candidateId", func(c *Client) error { _, _, err := c.Candidates.UpdateNote(ctx, 0, 1, "n"); return err }},
		{"note update note 0", "noteId", func(c *Client) error { _, _, err := c.Candidates.UpdateNote(ctx, 1, 0, "n"); return err }},
		{"note delete candidate 0", "candidateId", func(c *Client) error { _, err := c.Candidates.DeleteNote(ctx, 0, 1); return err }},
		{"note delete note -5", "noteId", func(c *Client) error { _, err := c.Candidates.DeleteNote(ctx, 1, -5); return err }},
		{"attachment id 0", "attachmentId", func(c *Client) error { _, _, err := c.Attachments.Get(ctx, 0); return err }},
		{"application file id 0", "fileId", func(c *Client) error { _, _, err := c.Attachments.GetApplicationFile(ctx, 0); return err }},
		{"job create negative officeId", "officeId", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.OfficeID = -3 }))
			return err
		}},
		{"job update negative seniorityId", "seniorityId", func(c *Client) error {
			_, _, err := c.Jobs.Update(ctx, 7, &JobRequest{SeniorityID: -1})
			return err
		}},

		// job create: the six required fields, each missing on its own
		{"job create nil", "job", func(c *Client) error { _, _, err := c.Jobs.Create(ctx, nil); return err }},
		{"job create no title", "title", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.Title = "" }))
			return err
		}},
		{"job create blank title", "title", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.Title = "   " }))
			return err
		}},
		{"job create no description", "description", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.Description = "" }))
			return err
		}},
		{"job create no categoryId", "categoryId", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.CategoryID = 0 }))
			return err
		}},
		{"job create no language", "language", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.Language = "" }))
			return err
		}},
		{"job create no employmentTypeId", "employmentTypeId", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.EmploymentTypeID = 0 }))
			return err
		}},
		{"job create no officeId", "officeId", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.OfficeID = 0 }))
			return err
		}},

		// job enums and codes
		{"job create status ARCHIVED", "status", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.Status = "ARCHIVED" }))
			return err
		}},
		{"job create status lower case", "status", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.Status = "offline" }))
			return err
		}},
		{"job update with status", "status", func(c *Client) error {
			_, _, err := c.Jobs.Update(ctx, 7, &JobRequest{Status: "OFFLINE"})
			return err
		}},
		{"job workplaceType ON_SITE", "workplaceType", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.WorkplaceType = "ON_SITE" }))
			return err
		}},
		{"job remoteType bad", "remoteType", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.WorkplaceType, r.RemoteType = "REMOTE", "WORLDWIDE" }))
			return err
		}},
		{"job remoteType with HYBRID", "remoteType", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.WorkplaceType, r.RemoteType = "HYBRID", "ANYWHERE" }))
			return err
		}},
		{"job update remoteType with ONSITE", "remoteType", func(c *Client) error {
			_, _, err := c.Jobs.Update(ctx, 7, &JobRequest{WorkplaceType: "ONSITE", RemoteType: "COUNTRY"})
			return err
		}},
		{"job cv bad", "cv", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.CV = "MANDATORY" }))
			return err
		}},
		{"job coverLetter bad", "coverLetter", func(c *Client) error {
			_, _, err := c.Jobs.Update(ctx, 7, &JobRequest{CoverLetter: "YES"})
			return err
		}},
		{"job language EN", "language", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.Language = "EN" }))
			return err
		}},
		{"job language eng", "language", func(c *Client) error {
			_, _, err := c.Jobs.Update(ctx, 7, &JobRequest{Language: "eng"})
			return err
		}},
		{"salary currency JPY", "salary.currency", func(c *Client) error {
			_, _, err := c.Jobs.Create(ctx, jobWith(func(r *JobRequest) { r.Salary = &Salary{Currency: "JPY"} }))
			return err
		}},
		{"salary frequency HOURLY", "salary.frequency", func(c *Client) error {
			_, _, err := c.Jobs.Update(ctx, 7, &JobRequest{Salary: &Salary{Frequency: "HOURLY"}})
			return err
		}},
		{"salary negative", "salary", func(c *Client) error {
			_, _, err := c.Jobs.Update(ctx, 7, &JobRequest{Salary: &Salary{From: ptr(-1.0)}})
			return err
		}},
		{"salary from > to", "salary.from", func(c *Client) error {
			_, _, err := c.Jobs.Update(ctx, 7, &JobRequest{Salary: &Salary{From: ptr(10.0), To: ptr(5.0)}})
			return err
		}},
		{"job update empty", "job", func(c *Client) error { _, _, err := c.Jobs.Update(ctx, 7, &JobRequest{}); return err }},
		{"job update nil", "job", func(c *Client) error { _, _, err := c.Jobs.Update(ctx, 7, nil); return err }},
		{"changeStatus empty", "status", func(c *Client) error { _, _, err := c.Jobs.ChangeStatus(ctx, 7, ""); return err }},
		{"changeStatus LIVE", "status", func(c *Client) error { _, _, err := c.Jobs.ChangeStatus(ctx, 7, "LIVE"); return err }},
		{"job list status bad", "status", func(c *Client) error {
			_, _, err := c.Jobs.List(ctx, JobListOptions{Status: "PUBLISHED"})
			return err
		}},

		// paging
		{"job list pageSize 51", "pageSize", func(c *Client) error {
			_, _, err := c.Jobs.List(ctx, JobListOptions{ListOptions: ListOptions{PageSize: 51}})
			return err
		}},
		{"job list page -1", "page", func(c *Client) error {
			_, _, err := c.Jobs.List(ctx, JobListOptions{ListOptions: ListOptions{Page: -1}})
			return err
		}},
		{"application list pageSize 51", "pageSize", func(c *Client) error {
			_, _, err := c.Applications.List(ctx, ApplicationListOptions{ListOptions: ListOptions{PageSize: 51}})
			return err
		}},
		{"office list pageSize 51", "pageSize", func(c *Client) error {
			_, _, err := c.Offices.List(ctx, OfficeListOptions{ListOptions: ListOptions{PageSize: 51}})
			return err
		}},
		{"notes list pageSize 51", "pageSize", func(c *Client) error {
			_, _, err := c.Candidates.ListNotes(ctx, 1, ListOptions{PageSize: 51})
			return err
		}},
		{"jobs All pageSize 51", "pageSize", func(c *Client) error {
			return firstErr(c.Jobs.All(ctx, JobListOptions{ListOptions: ListOptions{PageSize: 51}}))
		}},
		{"applications All pageSize 51", "pageSize", func(c *Client) error {
			return firstErr(c.Applications.All(ctx, ApplicationListOptions{ListOptions: ListOptions{PageSize: 51}}))
		}},
		{"offices All pageSize -1", "pageSize", func(c *Client) error {
			return firstErr(c.Offices.All(ctx, OfficeListOptions{ListOptions: ListOptions{PageSize: -1}}))
		}},
		{"notes All page -1", "page", func(c *Client) error { return firstErr(c.Candidates.AllNotes(ctx, 1, ListOptions{Page: -1})) }},

		// applications
		{"application create nil", "application", func(c *Client) error { _, _, err := c.Applications.Create(ctx, nil); return err }},
		{"application create jobId 0", "jobId", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) { r.JobID = 0 }))
			return err
		}},
		{"application create no firstName", "candidate.firstName", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) { r.Candidate.FirstName = " " }))
			return err
		}},
		{"application create no lastName", "candidate.lastName", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) { r.Candidate.LastName = "" }))
			return err
		}},
		{"application create no email", "candidate.email", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) { r.Candidate.Email = "" }))
			return err
		}},
		{"application create bad email", "candidate.email", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) { r.Candidate.Email = "jane.example.com" }))
			return err
		}},
		{"application create email with display name", "candidate.email", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) { r.Candidate.Email = "Jane <jane@example.com>" }))
			return err
		}},
		{"application create bad source", "source", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) { r.Source = "LINKEDIN" }))
			return err
		}},
		{"application create bad document type", "documents.type", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) {
				r.Documents = []Document{{Type: "RESUME", Name: "cv.pdf", Data: []byte("x")}}
			}))
			return err
		}},
		{"application create document without type", "documents.type", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) {
				r.Documents = []Document{{Name: "cv.pdf", Data: []byte("x")}}
			}))
			return err
		}},
		{"application create document without name", "documents.name", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) {
				r.Documents = []Document{{Type: "CV", Data: []byte("x")}}
			}))
			return err
		}},
		{"application create empty document", "documents.data", func(c *Client) error {
			_, _, err := c.Applications.Create(ctx, applicationWith(func(r *CreateApplicationRequest) {
				r.Documents = []Document{{Type: "CV", Name: "cv.pdf"}}
			}))
			return err
		}},
		{"application tags empty tag", "tags", func(c *Client) error {
			_, _, err := c.Applications.UpdateTags(ctx, 1, []string{"ok", "  "})
			return err
		}},
		{"application integration empty id", "externalId", func(c *Client) error {
			_, _, err := c.Applications.UpdateIntegrationData(ctx, 1, " ")
			return err
		}},

		// lookups
		{"categories language EN", "language", func(c *Client) error { _, _, err := c.Lookups.Categories(ctx, "EN"); return err }},
		{"employment types language english", "language", func(c *Client) error {
			_, _, err := c.Lookups.EmploymentTypes(ctx, "english")
			return err
		}},
		{"seniority levels language e1", "language", func(c *Client) error { _, _, err := c.Lookups.SeniorityLevels(ctx, "e1"); return err }},

		// offices
		{"office list countryCode DEU", "countryCode", func(c *Client) error {
			_, _, err := c.Offices.List(ctx, OfficeListOptions{CountryCode: "DEU"})
			return err
		}},
		{"office create nil", "office", func(c *Client) error { _, _, err := c.Offices.Create(ctx, nil); return err }},
		{"office create no countryIso", "countryIso", func(c *Client) error {
			_, _, err := c.Offices.Create(ctx, &OfficeRequest{City: "Berlin"})
			return err
		}},
		{"office create no city", "city", func(c *Client) error {
			_, _, err := c.Offices.Create(ctx, &OfficeRequest{CountryISO: "DE", City: " "})
			return err
		}},
		{"office create countryIso Germany", "countryIso", func(c *Client) error {
			_, _, err := c.Offices.Create(ctx, &OfficeRequest{CountryISO: "Germany", City: "Berlin"})
			return err
		}},
		{"office update empty", "office", func(c *Client) error { _, _, err := c.Offices.Update(ctx, 1, &OfficeRequest{}); return err }},
		{"office update nil", "office", func(c *Client) error { _, _, err := c.Offices.Update(ctx, 1, nil); return err }},

		// candidates and notes
		{"candidate update nil", "candidate", func(c *Client) error { _, _, err := c.Candidates.Update(ctx, 1, nil); return err }},
		{"candidate update empty", "candidate", func(c *Client) error {
			_, _, err := c.Candidates.Update(ctx, 1, &UpdateCandidateRequest{})
			return err
		}},
		{"candidate update bad email", "email", func(c *Client) error {
			_, _, err := c.Candidates.Update(ctx, 1, &UpdateCandidateRequest{Email: "jane@"})
			return err
		}},
		{"note create empty", "content", func(c *Client) error { _, _, err := c.Candidates.CreateNote(ctx, 1, " \n "); return err }},
		{"note create too long", "content", func(c *Client) error {
			_, _, err := c.Candidates.CreateNote(ctx, 1, strings.Repeat("ä", MaxNoteLength+1))
			return err
		}},
		{"note update empty", "content", func(c *Client) error { _, _, err := c.Candidates.UpdateNote(ctx, 1, 2, ""); return err }},

		// downloads
		{"download foreign http", "url", func(c *Client) error {
			_, _, err := c.Attachments.Download(ctx, "http://files.example.com/cv.pdf")
			return err
		}},
		{"download relative url", "url", func(c *Client) error { _, _, err := c.Attachments.Download(ctx, "/files/cv.pdf"); return err }},
		{"download ftp", "url", func(c *Client) error {
			_, _, err := c.Attachments.Download(ctx, "ftp://files.example.com/cv.pdf")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			err := tt.call(f.client)
			requireArgError(t, err, tt.field)
			assert.Zero(t, f.requests.Load(), "no request may be sent for a bad argument")
		})
	}
}

// TestArgumentChecks_accepted guards against checks that are too strict.
func TestArgumentChecks_accepted(t *testing.T) {
	for _, r := range []*JobRequest{
		validJob(),
		jobWith(func(r *JobRequest) { r.Status = "OFFLINE" }),
		jobWith(func(r *JobRequest) { r.WorkplaceType, r.RemoteType = "REMOTE", "COUNTRY" }),
		jobWith(func(r *JobRequest) {
			r.Salary = &Salary{From: ptr(18.0), To: ptr(18.0), Currency: "CHF", Frequency: "PER_HOUR"}
		}),
	} {
		assert.NoError(t, r.check(true))
	}
	assert.NoError(t, (&JobRequest{RemoteType: "ANYWHERE"}).check(false), "remoteType alone on an update")
	assert.NoError(t, validApplication().check())
	for _, e := range []string{"jane@example.com", "jane.doe+join@sub.example.co.uk"} {
		assert.NoError(t, checkEmail("email", e), e)
	}
	assert.NoError(t, checkNote(strings.Repeat("ä", MaxNoteLength)), "the limit counts characters, not bytes")
}

// Fields that encode to nothing (empty slices) are not an update either.
func TestJobsService_Update_nothingToSend(t *testing.T) {
	f := setup(t)
	_, _, err := f.client.Jobs.Update(context.Background(), 7, &JobRequest{Questions: []Question{}, HiringTeam: []HiringTeamMember{}})
	requireArgError(t, err, "job")
	assert.Zero(t, f.requests.Load())
}
