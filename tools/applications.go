package tools

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/schemas"
)

func applicationTools(d Deps) []Tool {
	writeOut := schemas.OutputSchema[schemas.WriteResult]()
	return []Tool{
		typed(d, spec{
			name: "join_list_applications", title: "List applications", toolset: "applications",
			description: "List applications, newest first, one JOIN page at a time, as summaries (candidate name and e-mail, job, hiring state, tags). Filter by jobId, jobExternalId or updatedAtGte. full=true returns complete records.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[schemas.ListApplicationsOutput](),
		}, listApplications),
		typed(d, spec{
			name: "join_get_application", title: "Get application", toolset: "applications",
			description: "Get one application with every field JOIN returns: candidate (with candidate id for notes), job, hiring state, tags, attachments (ids for join_get_attachment), source.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[joinclient.Application](),
		}, getApplication),
		typed(d, spec{
			name: "join_create_application", title: "Create application", toolset: "applications",
			description: "Add a candidate's application to a job, optionally with base64 documents (CV, cover letter). Fails if the same e-mail already applied to that job. Returns the application and candidate ids.",
			output:      writeOut,
		}, createApplication),
		typed(d, spec{
			name: "join_delete_application", title: "Delete application", toolset: "applications",
			description: "Delete an application and its files for good. Needs confirm=true; without it, returns a preview of what would be deleted.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, deleteApplication),
		typed(d, spec{
			name: "join_update_application_tags", title: "Set application tags", toolset: "applications",
			description: "Replace an application's tags with the given list (include the tags to keep). Needs confirm=true; without it, returns a preview of old and new tags.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, updateApplicationTags),
		typed(d, spec{
			name: "join_update_application_integration_data", title: "Set application external id", toolset: "applications",
			description: "Store your own system's id (externalId) on an application, for integrations that sync JOIN with another tool.",
			idempotent:  true, output: writeOut,
		}, updateIntegrationData),
	}
}

func listApplications(ctx context.Context, c *call, in schemas.ListApplicationsInput) (any, error) {
	lo := pageOf(in.Paging)
	opts := joinclient.ApplicationListOptions{ListOptions: lo, JobID: joinclient.ID(in.JobID), JobExternalID: in.JobExternalID}
	updated, err := parseTime("updatedAtGte", in.UpdatedAtGte)
	if err != nil {
		return nil, err
	}
	opts.UpdatedAtGte = updated
	apps, _, err := c.client.Applications.List(ctx, opts)
	if err != nil {
		return nil, err
	}
	meta := listMeta(lo, len(apps))
	if in.Full {
		return Untrusted(struct {
			schemas.ListMeta
			Items []joinclient.Application `json:"items"`
		}{meta, nonNil(apps)})
	}
	out := schemas.ListApplicationsOutput{ListMeta: meta, Items: make([]schemas.ApplicationSummary, len(apps))}
	for i, a := range apps {
		out.Items[i] = applicationSummary(a)
	}
	return out, nil
}

func applicationSummary(a joinclient.Application) schemas.ApplicationSummary {
	s := schemas.ApplicationSummary{
		ID: a.ID, HiringState: a.HiringState, CreatedAt: a.CreatedAt, LastUpdatedAt: a.LastUpdatedAt,
		Tags: a.Tags, AttachmentCount: len(a.Attachments),
	}
	if a.Candidate != nil {
		s.Candidate = &schemas.CandidateRef{ID: a.Candidate.ID, FirstName: a.Candidate.FirstName, LastName: a.Candidate.LastName, Email: a.Candidate.Email}
	}
	if a.Job != nil {
		s.Job = &schemas.JobRef{ID: a.Job.ID, Title: a.Job.Title}
	}
	return s
}

func getApplication(ctx context.Context, c *call, in schemas.ApplicationIDInput) (any, error) {
	app, _, err := c.client.Applications.Get(ctx, joinclient.ID(in.ApplicationID))
	if err != nil {
		return nil, err
	}
	return Untrusted(app)
}

func createApplication(ctx context.Context, c *call, in schemas.CreateApplicationInput) (any, error) {
	req := &joinclient.CreateApplicationRequest{
		JobID: joinclient.ID(in.JobID),
		Candidate: joinclient.NewCandidate{
			FirstName: in.Candidate.FirstName, LastName: in.Candidate.LastName,
			Email: in.Candidate.Email, Phone: in.Candidate.Phone,
		},
		Source: in.Source, IntegrationExternalID: in.IntegrationExternalID,
	}
	for i, doc := range in.Documents {
		data, err := base64.StdEncoding.DecodeString(doc.Data)
		if err != nil {
			return nil, &joinclient.ArgError{Field: fmt.Sprintf("documents[%d].data", i), Problem: "is not valid standard base64"}
		}
		req.Documents = append(req.Documents, joinclient.Document{Type: doc.Type, Name: doc.Name, Data: data})
	}
	res, _, err := c.client.Applications.Create(ctx, req)
	if err != nil {
		if joinclient.IsValidation(err) && strings.Contains(err.Error(), "already exists") {
			return nil, &joinclient.ArgError{Field: "candidate.email", Problem: fmt.Sprintf("%s already applied to job %d; find that application with join_list_applications jobId=%d", in.Candidate.Email, in.JobID, in.JobID)}
		}
		return nil, err
	}
	return &schemas.WriteResult{
		Status: schemas.StatusDone, ID: res.ID, CandidateID: res.CandidateID,
		Message: fmt.Sprintf("Created application %d for %s %s (candidate %d) on job %d.", res.ID, in.Candidate.FirstName, in.Candidate.LastName, res.CandidateID, in.JobID),
	}, nil
}

func deleteApplication(ctx context.Context, c *call, in schemas.DeleteApplicationInput) (any, error) {
	id := joinclient.ID(in.ApplicationID)
	app, _, err := c.client.Applications.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p := schemas.Preview{
		Action:   fmt.Sprintf("Delete application %d of %s to %s.", id, candidateName(app), jobTitle(app)),
		Request:  fmt.Sprintf("DELETE /applications/%d", id),
		Current:  applicationSummary(*app),
		Warnings: []string{"Deleting cannot be undone; the application's files go too."},
	}
	if stop := gate(ctx, c, in.Confirm, p); stop != nil {
		return stop, nil
	}
	if _, err := c.client.Applications.Delete(ctx, id); err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, Message: fmt.Sprintf("Deleted application %d.", id), ID: id}, nil
}

func candidateName(a *joinclient.Application) string {
	if a.Candidate == nil {
		return "an unknown candidate"
	}
	return strings.TrimSpace(a.Candidate.FirstName + " " + a.Candidate.LastName)
}

func jobTitle(a *joinclient.Application) string {
	if a.Job == nil {
		return "an unknown job"
	}
	return fmt.Sprintf("job %d (%s)", a.Job.ID, a.Job.Title)
}

func updateApplicationTags(ctx context.Context, c *call, in schemas.UpdateApplicationTagsInput) (any, error) {
	id := joinclient.ID(in.ApplicationID)
	tags := make([]string, 0, len(in.Tags))
	for i, t := range in.Tags {
		t = strings.TrimSpace(t)
		if t == "" {
			return nil, &joinclient.ArgError{Field: fmt.Sprintf("tags[%d]", i), Problem: "must not be empty"}
		}
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	app, _, err := c.client.Applications.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	current := nonNil([]string(app.Tags))
	p := schemas.Preview{
		Action:  fmt.Sprintf("Set the tags of application %d (%s) to %s.", id, candidateName(app), quoteList(tags)),
		Request: fmt.Sprintf("PATCH /applications/%d/tags", id),
		Changes: []schemas.Change{{Field: "tags", From: current, To: tags}},
	}
	for _, t := range current {
		if !slices.Contains(tags, t) {
			p.Warnings = append(p.Warnings, fmt.Sprintf("Removes the tag %q.", t))
		}
	}
	if stop := gate(ctx, c, in.Confirm, p); stop != nil {
		return stop, nil
	}
	if _, _, err := c.client.Applications.UpdateTags(ctx, id, tags); err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, Message: fmt.Sprintf("Application %d now has the tags %s.", id, quoteList(tags)), ID: id}, nil
}

func quoteList(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return `"` + strings.Join(s, `", "`) + `"`
}

func updateIntegrationData(ctx context.Context, c *call, in schemas.UpdateIntegrationDataInput) (any, error) {
	id := joinclient.ID(in.ApplicationID)
	if _, _, err := c.client.Applications.UpdateIntegrationData(ctx, id, in.ExternalID); err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, Message: fmt.Sprintf("Application %d now carries externalId %q.", id, in.ExternalID), ID: id}, nil
}
