package schemas

import "github.com/join-mcp/join-mcp/joinclient"

// ListApplicationsInput is join_list_applications' input.
type ListApplicationsInput struct {
	JobID         int64  `json:"jobId,omitempty" jsonschema:"minimum=1" jsonschema_description:"only applications to this job (id from join_list_jobs)"`
	JobExternalID string `json:"jobExternalId,omitempty" jsonschema_description:"only applications to the job with this externalId"`
	UpdatedAtGte  string `json:"updatedAtGte,omitempty" jsonschema:"format=date-time" jsonschema_description:"only applications changed at or after this RFC 3339 time, e.g. 2026-01-31T00:00:00Z"`
	Paging
	Full bool `json:"full,omitempty" jsonschema_description:"return complete application records (attachments with URLs, source, extra fields) instead of summaries"`
}

// ApplicationIDInput is the input of tools that only need an application id.
type ApplicationIDInput struct {
	ApplicationID int64 `json:"applicationId" jsonschema:"required,minimum=1" jsonschema_description:"application id from join_list_applications"`
}

// CandidateRef is the candidate part of an application summary.
type CandidateRef struct {
	ID        joinclient.ID `json:"id,omitempty" jsonschema_description:"candidate id for the candidate and note tools"`
	FirstName string        `json:"firstName,omitempty"`
	LastName  string        `json:"lastName,omitempty"`
	Email     string        `json:"email,omitempty"`
}

// JobRef is the job part of an application summary.
type JobRef struct {
	ID    joinclient.ID `json:"id"`
	Title string        `json:"title,omitempty"`
}

// ApplicationSummary is the minimal application record of list results.
type ApplicationSummary struct {
	ID              joinclient.ID `json:"id"`
	HiringState     string        `json:"hiringState,omitempty" jsonschema_description:"APPLIED, ACTIVE, OFFER, HIRED or REJECTED"`
	CreatedAt       string        `json:"createdAt,omitempty"`
	LastUpdatedAt   string        `json:"lastUpdatedAt,omitempty"`
	Candidate       *CandidateRef `json:"candidate,omitempty"`
	Job             *JobRef       `json:"job,omitempty"`
	Tags            []string      `json:"tags,omitempty"`
	AttachmentCount int           `json:"attachmentCount,omitempty" jsonschema_description:"number of files; read them with join_get_application"`
}

// ListApplicationsOutput is join_list_applications' output.
type ListApplicationsOutput struct {
	ListMeta
	Items []ApplicationSummary `json:"items" jsonschema:"required" jsonschema_description:"applications, newest first; complete records when full=true"`
}

// NewCandidateInput is the candidate of a new application.
type NewCandidateInput struct {
	FirstName string `json:"firstName" jsonschema:"required,minLength=1"`
	LastName  string `json:"lastName" jsonschema:"required,minLength=1"`
	Email     string `json:"email" jsonschema:"required,format=email"`
	Phone     string `json:"phone,omitempty" jsonschema_description:"international format, e.g. +49 30 1234567"`
}

// DocumentInput is a file sent with a new application.
type DocumentInput struct {
	Type string `json:"type" jsonschema:"required,enum=CV,enum=COVER_LETTER,enum=PORTFOLIO,enum=CERTIFICATES,enum=OTHER,enum=REFERENCES,enum=TRANSCRIPT,enum=WORK_SAMPLES"`
	Name string `json:"name" jsonschema:"required,minLength=1" jsonschema_description:"file name, e.g. cv.pdf"`
	Data string `json:"data" jsonschema:"required,minLength=1" jsonschema_description:"file content, base64-encoded"`
}

// CreateApplicationInput is join_create_application's input.
type CreateApplicationInput struct {
	JobID                 int64             `json:"jobId" jsonschema:"required,minimum=1" jsonschema_description:"job id from join_list_jobs; the job must not be archived"`
	Candidate             NewCandidateInput `json:"candidate" jsonschema:"required"`
	Source                string            `json:"source,omitempty" jsonschema:"enum=ORGANIC,enum=REFERRALS,enum=JOB_BOARDS,enum=SOCIAL_MEDIA,enum=AGENCY,enum=SOURCING_TOOLS,enum=EVENTS,enum=INTERNAL_APPLICATION,enum=OTHER" jsonschema_description:"where the candidate came from (default ORGANIC)"`
	IntegrationExternalID string            `json:"integrationExternalId,omitempty" jsonschema_description:"your own id for this application"`
	Documents             []DocumentInput   `json:"documents,omitempty" jsonschema:"maxItems=10"`
}

// DeleteApplicationInput is join_delete_application's input.
type DeleteApplicationInput struct {
	ApplicationID int64 `json:"applicationId" jsonschema:"required,minimum=1" jsonschema_description:"application id from join_list_applications"`
	ConfirmField
}

// UpdateApplicationTagsInput is join_update_application_tags' input.
type UpdateApplicationTagsInput struct {
	ApplicationID int64    `json:"applicationId" jsonschema:"required,minimum=1" jsonschema_description:"application id from join_list_applications"`
	Tags          []string `json:"tags" jsonschema:"required,maxItems=50" jsonschema_description:"the complete new tag list; it replaces the current tags, so include the ones to keep. An empty list removes all tags."`
	ConfirmField
}

// UpdateIntegrationDataInput is join_update_application_integration_data's input.
type UpdateIntegrationDataInput struct {
	ApplicationID int64  `json:"applicationId" jsonschema:"required,minimum=1" jsonschema_description:"application id from join_list_applications"`
	ExternalID    string `json:"externalId" jsonschema:"required,minLength=1,maxLength=255" jsonschema_description:"your system's id for this application"`
}
