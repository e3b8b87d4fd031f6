package tools

import (
	"cmp"
	"context"
	"fmt"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/schemas"
)

func jobTools(d Deps) []Tool {
	writeOut := schemas.OutputSchema[schemas.WriteResult]()
	return []Tool{
		typed(d, spec{
			name: "join_list_jobs", title: "List jobs", toolset: "jobs",
			description: "List the company's jobs, one JOIN page at a time, as summaries (id, title, status, office). Filter by status. Use full=true for complete records with the HTML description, or join_get_job for one job.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[schemas.ListJobsOutput](),
		}, listJobs),
		typed(d, spec{
			name: "join_get_job", title: "Get job", toolset: "jobs",
			description: "Get one job with every field JOIN returns: HTML description, office, salary, contact, category, employment type.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[joinclient.Job](),
		}, getJob),
		typed(d, spec{
			name: "join_create_job", title: "Create job", toolset: "jobs",
			description: "Create a job ad. Needs title, HTML description, categoryId (sub-category from join_list_categories), language, employmentTypeId (join_list_employment_types) and officeId (join_list_offices). Created OFFLINE unless status=ONLINE, which publishes to job boards at once and needs confirm=true.",
			confirm:     true, output: writeOut,
		}, createJob),
		typed(d, spec{
			name: "join_update_job", title: "Update job", toolset: "jobs",
			description: "Change fields of a job; only the given fields change. Sending a description replaces the whole ad and turns an ad built in JOIN's editor into a description-only ad. Needs confirm=true; without it, returns a preview of the changes.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, updateJob),
		typed(d, spec{
			name: "join_update_job_status", title: "Change job status", toolset: "jobs",
			description: "Set a job ONLINE (publish and multipost to job boards), OFFLINE (unpublish) or ARCHIVED (close). Needs confirm=true; without it, returns a preview.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, updateJobStatus),
		typed(d, spec{
			name: "join_activate_job", title: "Activate job (deprecated)", toolset: "jobs",
			description: "Publish a job through JOIN's deprecated activate endpoint. Prefer join_update_job_status with status=ONLINE. Needs confirm=true.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, activateJob),
		typed(d, spec{
			name: "join_archive_job", title: "Archive job (deprecated)", toolset: "jobs",
			description: "Archive a job through JOIN's deprecated archive endpoint. Prefer join_update_job_status with status=ARCHIVED. Needs confirm=true.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, archiveJob),
	}
}

// pageOf maps a tool's paging to one JOIN page; the tool default is smaller
// than JOIN's 50 to keep results short.
func pageOf(p schemas.Paging) joinclient.ListOptions {
	return joinclient.ListOptions{Page: max(p.Page, 1), PageSize: cmp.Or(p.PageSize, 20)}
}

func listMeta(lo joinclient.ListOptions, n int) schemas.ListMeta {
	return schemas.ListMeta{Page: lo.Page, PageSize: lo.PageSize, Returned: n, HasMore: n == lo.PageSize}
}

func listJobs(ctx context.Context, c *call, in schemas.ListJobsInput) (any, error) {
	lo := pageOf(in.Paging)
	jobs, _, err := c.client.Jobs.List(ctx, joinclient.JobListOptions{ListOptions: lo, Status: in.Status, Content: in.Full})
	if err != nil {
		return nil, err
	}
	meta := listMeta(lo, len(jobs))
	if in.Full {
		return struct {
			schemas.ListMeta
			Items []joinclient.Job `json:"items"`
		}{meta, nonNil(jobs)}, nil
	}
	out := schemas.ListJobsOutput{ListMeta: meta, Items: make([]schemas.JobSummary, len(jobs))}
	for i, j := range jobs {
		out.Items[i] = jobSummary(j)
	}
	return out, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func jobSummary(j joinclient.Job) schemas.JobSummary {
	s := schemas.JobSummary{
		ID: j.ID, Title: j.Title, Status: j.Status, WorkplaceType: j.WorkplaceType,
		EmploymentTypeID: j.EmploymentTypeID, CategoryID: j.CategoryID, ExternalID: j.ExternalID,
		CreatedAt: j.CreatedAt, LastUpdatedAt: j.LastUpdatedAt,
	}
	if j.Office != nil {
		s.Office = &schemas.OfficeRef{ID: j.Office.ID, Name: j.Office.Name, City: j.Office.City, CountryISO: j.Office.CountryISO}
	}
	return s
}

func getJob(ctx context.Context, c *call, in schemas.JobIDInput) (any, error) {
	job, _, err := c.client.Jobs.Get(ctx, joinclient.ID(in.JobID))
	return job, err
}

// jobRequest converts the tool's fields to the client's request body.
func jobRequest(f schemas.JobFields) *joinclient.JobRequest {
	r := &joinclient.JobRequest{
		Title: f.Title, Description: f.Description, CategoryID: joinclient.ID(f.CategoryID),
		Language: f.Language, EmploymentTypeID: joinclient.ID(f.EmploymentTypeID), OfficeID: joinclient.ID(f.OfficeID),
		SeniorityID: joinclient.ID(f.SeniorityID), ExternalID: f.ExternalID, WorkplaceType: f.WorkplaceType,
		RemoteType: f.RemoteType, CV: f.CV, CoverLetter: f.CoverLetter,
	}
	if s := f.Salary; s != nil {
		r.Salary = &joinclient.Salary{From: s.From, To: s.To, Currency: s.Currency, Frequency: s.Frequency, IsShownOnJobAd: s.IsShownOnJobAd}
	}
	if ct := f.Contact; ct != nil {
		r.Contact = &joinclient.Contact{Name: ct.Name, Email: ct.Email, Position: ct.Position}
	}
	for _, q := range f.Questions {
		r.Questions = append(r.Questions, joinclient.Question{Name: q.Name, Type: cmp.Or(q.Type, "TEXT"), Options: q.Options, Required: q.Required})
	}
	return r
}

const multipostWarning = "ONLINE publishes the job on the career page and multiposts it to connected job boards at once."

func createJob(ctx context.Context, c *call, in schemas.CreateJobInput) (any, error) {
	req := jobRequest(in.JobFields)
	req.Status = cmp.Or(in.Status, "OFFLINE") // JOIN's own default would publish
	if req.Status == "ONLINE" {
		p := schemas.Preview{
			Action:   fmt.Sprintf("Create the job %q and publish it immediately.", in.Title),
			Request:  "POST /jobs",
			Current:  req,
			Warnings: []string{multipostWarning},
		}
		if stop := gate(ctx, c, in.Confirm, p); stop != nil {
			return stop, nil
		}
	}
	res, _, err := c.client.Jobs.Create(ctx, req)
	if err != nil {
		return nil, err
	}
	msg := fmt.Sprintf("Created job %d (%s) as OFFLINE: it is a draft nobody sees. Publish it with join_update_job_status status=ONLINE when the user wants.", res.ID, in.Title)
	if req.Status == "ONLINE" {
		msg = fmt.Sprintf("Created job %d (%s) ONLINE: it is published and multiposted.", res.ID, in.Title)
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, Message: msg, ID: res.ID}, nil
}

func updateJob(ctx context.Context, c *call, in schemas.UpdateJobInput) (any, error) {
	id := joinclient.ID(in.JobID)
	req := jobRequest(in.JobFields)
	if isZeroJobRequest(req) {
		return nil, &joinclient.ArgError{Field: "jobId", Problem: "no field to change was given; pass at least one of title, description, categoryId, language, employmentTypeId, officeId, seniorityId, externalId, workplaceType, remoteType, cv, coverLetter, salary, contact, questions"}
	}
	current, _, err := c.client.Jobs.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p := schemas.Preview{
		Action:  fmt.Sprintf("Update job %d (%s).", id, current.Title),
		Request: fmt.Sprintf("PATCH /jobs/%d", id),
		Changes: diff(current, req),
	}
	if len(p.Changes) == 0 {
		return &schemas.WriteResult{Status: schemas.StatusDone, ID: id, Message: fmt.Sprintf("Job %d already has these values; nothing was changed.", id)}, nil
	}
	if req.Description != "" {
		p.Warnings = append(p.Warnings, "The description replaces the whole ad; an ad built in JOIN's editor becomes a description-only ad.")
	}
	if current.Status == "ONLINE" {
		p.Warnings = append(p.Warnings, "The job is ONLINE: the change is public at once.")
	}
	if stop := gate(ctx, c, in.Confirm, p); stop != nil {
		return stop, nil
	}
	if _, _, err := c.client.Jobs.Update(ctx, id, req); err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, Message: fmt.Sprintf("Updated job %d.", id), ID: id}, nil
}

func isZeroJobRequest(r *joinclient.JobRequest) bool {
	return len(asMap(r)) == 0
}

func statusPreview(current *joinclient.Job, to, request string) schemas.Preview {
	p := schemas.Preview{
		Action:  fmt.Sprintf("Change job %d (%s) from %s to %s.", current.ID, current.Title, current.Status, to),
		Request: request,
		Changes: []schemas.Change{{Field: "status", From: current.Status, To: to}},
	}
	switch to {
	case "ONLINE":
		p.Warnings = []string{multipostWarning}
	case "ARCHIVED":
		p.Warnings = []string{"An archived job is closed: it leaves the career page and job boards."}
	}
	return p
}

// changeStatus is shared by the status tool and the deprecated wrappers; op
// says which JOIN endpoint to call.
func changeStatus(ctx context.Context, c *call, jobID int64, to string, confirmed bool, op joinclient.Operation) (any, error) {
	id := joinclient.ID(jobID)
	current, _, err := c.client.Jobs.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if current.Status == to {
		return &schemas.WriteResult{Status: schemas.StatusDone, ID: id, Message: fmt.Sprintf("Job %d (%s) is already %s; nothing was changed.", id, current.Title, to)}, nil
	}
	route := joinclient.RouteFor(op)
	if stop := gate(ctx, c, confirmed, statusPreview(current, to, route.Method+" "+route.Expand(id))); stop != nil {
		return stop, nil
	}
	switch op {
	case joinclient.OpActivateJob:
		_, _, err = c.client.Jobs.Activate(ctx, id)
	case joinclient.OpArchiveJob:
		_, _, err = c.client.Jobs.Archive(ctx, id)
	default:
		_, _, err = c.client.Jobs.ChangeStatus(ctx, id, to)
	}
	if err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, Message: fmt.Sprintf("Job %d (%s) is now %s.", id, current.Title, to), ID: id}, nil
}

func updateJobStatus(ctx context.Context, c *call, in schemas.UpdateJobStatusInput) (any, error) {
	return changeStatus(ctx, c, in.JobID, in.Status, in.Confirm, joinclient.OpChangeJobStatus)
}

func activateJob(ctx context.Context, c *call, in schemas.JobConfirmInput) (any, error) {
	return changeStatus(ctx, c, in.JobID, "ONLINE", in.Confirm, joinclient.OpActivateJob)
}

func archiveJob(ctx context.Context, c *call, in schemas.JobConfirmInput) (any, error) {
	return changeStatus(ctx, c, in.JobID, "ARCHIVED", in.Confirm, joinclient.OpArchiveJob)
}
