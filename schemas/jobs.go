package schemas

import (
	"github.com/invopop/jsonschema"

	"github.com/join-mcp/join-mcp/joinclient"
)

// ListJobsInput is join_list_jobs' input.
type ListJobsInput struct {
	Status string `json:"status,omitempty" jsonschema:"enum=ONLINE,enum=OFFLINE,enum=ARCHIVED" jsonschema_description:"only jobs in this status; omit for all"`
	Paging
	Full bool `json:"full,omitempty" jsonschema_description:"return complete job records including the HTML description instead of summaries"`
}

// JobIDInput is the input of tools that only need a job id.
type JobIDInput struct {
	JobID int64 `json:"jobId" jsonschema:"required,minimum=1" jsonschema_description:"job id from join_list_jobs"`
}

// OfficeRef is the office part of a job summary.
type OfficeRef struct {
	ID         joinclient.ID `json:"id"`
	Name       string        `json:"name,omitempty"`
	City       string        `json:"city,omitempty"`
	CountryISO string        `json:"countryIso,omitempty"`
}

// JobSummary is the minimal job record of join_list_jobs; its fields are a
// subset of the full job so both shapes fit one schema.
type JobSummary struct {
	ID               joinclient.ID `json:"id"`
	Title            string        `json:"title"`
	Status           string        `json:"status,omitempty"`
	WorkplaceType    string        `json:"workplaceType,omitempty"`
	Office           *OfficeRef    `json:"office,omitempty"`
	EmploymentTypeID joinclient.ID `json:"employmentTypeId,omitempty"`
	CategoryID       joinclient.ID `json:"categoryId,omitempty"`
	ExternalID       string        `json:"externalId,omitempty"`
	CreatedAt        string        `json:"createdAt,omitempty"`
	LastUpdatedAt    string        `json:"lastUpdatedAt,omitempty"`
}

// ListJobsOutput is join_list_jobs' output.
type ListJobsOutput struct {
	ListMeta
	Items []JobSummary `json:"items" jsonschema:"required" jsonschema_description:"jobs, newest first as JOIN returns them; complete records when full=true"`
}

// SalaryInput is a job's pay range.
type SalaryInput struct {
	From           *float64 `json:"from,omitempty" jsonschema:"minimum=0"`
	To             *float64 `json:"to,omitempty" jsonschema:"minimum=0"`
	Currency       string   `json:"currency" jsonschema:"required,enum=EUR,enum=CHF,enum=USD,enum=GBP"`
	Frequency      string   `json:"frequency" jsonschema:"required,enum=PER_HOUR,enum=PER_DAY,enum=PER_WEEK,enum=PER_MONTH,enum=PER_YEAR"`
	IsShownOnJobAd *bool    `json:"isShownOnJobAd,omitempty" jsonschema_description:"show the range on the public ad"`
}

// ContactInput is a job's contact person.
type ContactInput struct {
	Name     string `json:"name" jsonschema:"required,minLength=1"`
	Email    string `json:"email" jsonschema:"required,format=email"`
	Position string `json:"position,omitempty"`
}

// QuestionInput is a screening question.
type QuestionInput struct {
	Name     string   `json:"name" jsonschema:"required,minLength=1" jsonschema_description:"the question"`
	Type     string   `json:"type,omitempty" jsonschema:"enum=TEXT" jsonschema_description:"answer type; only TEXT is known"`
	Options  []string `json:"options,omitempty"`
	Required bool     `json:"required,omitempty"`
}

// JobFields are the editable job fields shared by create and update.
type JobFields struct {
	Title            string          `json:"title,omitempty" jsonschema:"minLength=1,maxLength=200" jsonschema_description:"job title"`
	Description      string          `json:"description,omitempty" jsonschema:"minLength=1" jsonschema_description:"the whole ad as HTML (p, ul, li, strong, h3)"`
	CategoryID       int64           `json:"categoryId,omitempty" jsonschema:"minimum=1" jsonschema_description:"a sub-category id from join_list_categories (not a top-level category id)"`
	Language         string          `json:"language,omitempty" jsonschema:"pattern=^[a-z]{2}$" jsonschema_description:"language of the ad, ISO 639-1 such as en or de"`
	EmploymentTypeID int64           `json:"employmentTypeId,omitempty" jsonschema:"minimum=1" jsonschema_description:"id from join_list_employment_types"`
	OfficeID         int64           `json:"officeId,omitempty" jsonschema:"minimum=1" jsonschema_description:"id from join_list_offices; the office is the job's location"`
	SeniorityID      int64           `json:"seniorityId,omitempty" jsonschema:"minimum=1" jsonschema_description:"id from join_list_seniority_levels"`
	ExternalID       string          `json:"externalId,omitempty" jsonschema:"maxLength=255" jsonschema_description:"your own key for the job; filter applications by it later"`
	WorkplaceType    string          `json:"workplaceType,omitempty" jsonschema:"enum=ONSITE,enum=HYBRID,enum=REMOTE"`
	RemoteType       string          `json:"remoteType,omitempty" jsonschema:"enum=ANYWHERE,enum=COUNTRY" jsonschema_description:"only with workplaceType REMOTE"`
	CV               string          `json:"cv,omitempty" jsonschema:"enum=REQUIRED,enum=OPTIONAL,enum=OFF" jsonschema_description:"whether the application form asks for a CV"`
	CoverLetter      string          `json:"coverLetter,omitempty" jsonschema:"enum=REQUIRED,enum=OPTIONAL,enum=OFF" jsonschema_description:"whether the application form asks for a cover letter"`
	Salary           *SalaryInput    `json:"salary,omitempty"`
	Contact          *ContactInput   `json:"contact,omitempty"`
	Questions        []QuestionInput `json:"questions,omitempty" jsonschema:"maxItems=20" jsonschema_description:"screening questions on the application form"`
}

// CreateJobInput is join_create_job's input.
type CreateJobInput struct {
	JobFields
	Status string `json:"status,omitempty" jsonschema:"enum=OFFLINE,enum=ONLINE" jsonschema_description:"OFFLINE (default) creates a draft nobody sees. ONLINE publishes at once and multiposts to job boards; it needs confirm=true."`
	ConfirmField
}

// UpdateJobInput is join_update_job's input.
type UpdateJobInput struct {
	JobID int64 `json:"jobId" jsonschema:"required,minimum=1" jsonschema_description:"job id from join_list_jobs"`
	JobFields
	ConfirmField
}

// UpdateJobStatusInput is join_update_job_status' input.
type UpdateJobStatusInput struct {
	JobID  int64  `json:"jobId" jsonschema:"required,minimum=1" jsonschema_description:"job id from join_list_jobs"`
	Status string `json:"status" jsonschema:"required,enum=ONLINE,enum=OFFLINE,enum=ARCHIVED" jsonschema_description:"ONLINE publishes and multiposts to job boards; OFFLINE unpublishes; ARCHIVED closes the job"`
	ConfirmField
}

// JobConfirmInput is the input of the deprecated activate/archive tools.
type JobConfirmInput struct {
	JobID int64 `json:"jobId" jsonschema:"required,minimum=1" jsonschema_description:"job id from join_list_jobs"`
	ConfirmField
}

// JSONSchemaExtend marks the six fields JOIN requires on create; JobFields
// is shared with update, where every field is optional.
func (CreateJobInput) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "title", "description", "categoryId", "language", "employmentTypeId", "officeId")
}
