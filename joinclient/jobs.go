package joinclient

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"regexp"
	"strings"
)

// JobsService covers /jobs.
type JobsService struct{ c *Client }

// JobListOptions filters GET /jobs.
type JobListOptions struct {
	ListOptions
	Status  string // ONLINE, OFFLINE or ARCHIVED; empty for all
	Content bool   // ask JOIN to include the description in list items
}

func (o JobListOptions) query() (url.Values, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	if err := checkEnum("status", o.Status, JobStatusValues); err != nil {
		return nil, err
	}
	q := url.Values{}
	o.addTo(q)
	if o.Status != "" {
		q.Set("status", o.Status)
	}
	if o.Content {
		q.Set("content", "true")
	}
	return q, nil
}

// List returns one page of jobs.
func (s *JobsService) List(ctx context.Context, opts JobListOptions) ([]Job, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	var jobs []Job
	resp, err := s.c.call(ctx, OpListJobs, nil, q, nil, &jobs)
	return jobs, resp, err
}

// All iterates over every job matching opts, page by page.
func (s *JobsService) All(ctx context.Context, opts JobListOptions) iter.Seq2[Job, error] {
	return paginate(ctx, opts.ListOptions, func(ctx context.Context, lo ListOptions) ([]Job, *Response, error) {
		opts.ListOptions = lo
		return s.List(ctx, opts)
	})
}

// Get returns one job with its description.
func (s *JobsService) Get(ctx context.Context, id ID) (*Job, *Response, error) {
	if err := checkID("jobId", id); err != nil {
		return nil, nil, err
	}
	job := new(Job)
	resp, err := s.c.call(ctx, OpGetJob, []ID{id}, nil, nil, job)
	if err != nil {
		return nil, resp, err
	}
	return job, resp, nil
}

// JobRequest is the body of POST /jobs and PATCH /jobs/{id}. On create the
// six fields marked required must be set; on update every field is optional
// and only the set ones change.
type JobRequest struct {
	Title            string             `json:"title,omitempty"`       // required on create
	Description      string             `json:"description,omitempty"` // HTML; required on create
	CategoryID       ID                 `json:"categoryId,omitempty"`  // sub-category id; required on create
	Language         string             `json:"language,omitempty"`    // ISO 639-1; required on create
	EmploymentTypeID ID                 `json:"employmentTypeId,omitempty"`
	OfficeID         ID                 `json:"officeId,omitempty"`
	ExternalID       string             `json:"externalId,omitempty"`
	Status           string             `json:"status,omitempty"` // create only: ONLINE or OFFLINE
	WorkplaceType    string             `json:"workplaceType,omitempty"`
	RemoteType       string             `json:"remoteType,omitempty"`
	SeniorityID      ID                 `json:"seniorityId,omitempty"`
	CV               string             `json:"cv,omitempty"`
	CoverLetter      string             `json:"coverLetter,omitempty"`
	Salary           *Salary            `json:"salary,omitempty"`
	Contact          *Contact           `json:"contact,omitempty"`
	ContactPerson    string             `json:"contactPerson,omitempty"`
	Questions        []Question         `json:"questions,omitempty"`
	HiringTeam       []HiringTeamMember `json:"hiringTeam,omitempty"`
}

var languageCode = regexp.MustCompile(`^[a-z]{2}$`)

func (r *JobRequest) check(create bool) error {
	if r == nil {
		return &ArgError{Field: "job", Problem: "is required"}
	}
	if create {
		for _, f := range []struct {
			name string
			ok   bool
		}{
			// Blank text counts as missing: JOIN would only answer with a vaguer 4xx.
			{"title", strings.TrimSpace(r.Title) != ""}, {"description", strings.TrimSpace(r.Description) != ""}, {"categoryId", r.CategoryID != 0},
			{"language", r.Language != ""}, {"employmentTypeId", r.EmploymentTypeID != 0}, {"officeId", r.OfficeID != 0},
		} {
			if !f.ok {
				return &ArgError{Field: f.name, Problem: "is required to create a job"}
			}
		}
		if err := checkEnum("status", r.Status, []string{"ONLINE", "OFFLINE"}); err != nil {
			return err
		}
	} else if r.Status != "" {
		return &ArgError{Field: "status", Problem: "cannot be changed by an update; use changeStatus"}
	}
	for _, id := range []struct {
		name string
		v    ID
	}{{"categoryId", r.CategoryID}, {"employmentTypeId", r.EmploymentTypeID}, {"officeId", r.OfficeID}, {"seniorityId", r.SeniorityID}} {
		if id.v < 0 {
			return checkID(id.name, id.v)
		}
	}
	if r.Language != "" && !languageCode.MatchString(r.Language) {
		return &ArgError{Field: "language", Problem: fmt.Sprintf("%q is not a two-letter lower-case ISO 639-1 code such as en or de", r.Language)}
	}
	if err := checkEnum("workplaceType", r.WorkplaceType, WorkplaceTypeValues); err != nil {
		return err
	}
	if err := checkEnum("remoteType", r.RemoteType, RemoteTypeValues); err != nil {
		return err
	}
	if r.RemoteType != "" && r.WorkplaceType != "" && r.WorkplaceType != "REMOTE" {
		return &ArgError{Field: "remoteType", Problem: "only applies when workplaceType is REMOTE"}
	}
	if err := checkEnum("cv", r.CV, RequirementValues); err != nil {
		return err
	}
	if err := checkEnum("coverLetter", r.CoverLetter, RequirementValues); err != nil {
		return err
	}
	if r.Salary != nil {
		if err := r.Salary.check(); err != nil {
			return err
		}
	}
	return nil
}

func (s *Salary) check() error {
	if err := checkEnum("salary.currency", s.Currency, CurrencyValues); err != nil {
		return err
	}
	if err := checkEnum("salary.frequency", s.Frequency, SalaryFrequencyValues); err != nil {
		return err
	}
	if s.From != nil && *s.From < 0 || s.To != nil && *s.To < 0 {
		return &ArgError{Field: "salary", Problem: "amounts must not be negative"}
	}
	if s.From != nil && s.To != nil && *s.From > *s.To {
		return &ArgError{Field: "salary.from", Problem: "must not be greater than salary.to"}
	}
	return nil
}

// Create creates a job. Without Status OFFLINE JOIN publishes it at once and
// multiposts it to job boards; callers decide that explicitly.
func (s *JobsService) Create(ctx context.Context, req *JobRequest) (*IDResponse, *Response, error) {
	if err := req.check(true); err != nil {
		return nil, nil, err
	}
	return s.c.idCall(ctx, OpCreateJob, nil, req)
}

// Update changes the set fields of a job. Sending a description turns a job
// built in JOIN's editor into a description-only ad.
func (s *JobsService) Update(ctx context.Context, id ID, req *JobRequest) (*IDResponse, *Response, error) {
	if err := checkID("jobId", id); err != nil {
		return nil, nil, err
	}
	if err := req.check(false); err != nil {
		return nil, nil, err
	}
	// Judge by what would be sent: empty slices are omitted, so a request
	// holding only those would PATCH "{}".
	if body, err := json.Marshal(req); err == nil && string(body) == "{}" {
		return nil, nil, &ArgError{Field: "job", Problem: "no field to update was given"}
	}
	return s.c.idCall(ctx, OpUpdateJob, []ID{id}, req)
}

// ChangeStatus sets ONLINE (publish and multipost), OFFLINE or ARCHIVED.
func (s *JobsService) ChangeStatus(ctx context.Context, id ID, status string) (*IDResponse, *Response, error) {
	if err := checkID("jobId", id); err != nil {
		return nil, nil, err
	}
	if err := checkRequired("status", status); err != nil {
		return nil, nil, err
	}
	if err := checkEnum("status", status, JobStatusValues); err != nil {
		return nil, nil, err
	}
	return s.c.idCall(ctx, OpChangeJobStatus, []ID{id}, map[string]string{"status": status})
}

// Activate publishes a job through the deprecated activate endpoint.
// Deprecated: JOIN recommends ChangeStatus(ONLINE).
func (s *JobsService) Activate(ctx context.Context, id ID) (*IDResponse, *Response, error) {
	if err := checkID("jobId", id); err != nil {
		return nil, nil, err
	}
	return s.c.idCall(ctx, OpActivateJob, []ID{id}, nil)
}

// Archive archives a job through the deprecated archive endpoint.
// Deprecated: JOIN recommends ChangeStatus(ARCHIVED).
func (s *JobsService) Archive(ctx context.Context, id ID) (*IDResponse, *Response, error) {
	if err := checkID("jobId", id); err != nil {
		return nil, nil, err
	}
	return s.c.idCall(ctx, OpArchiveJob, []ID{id}, nil)
}

// idCall sends a write whose answer is {"id": n} (or empty).
func (c *Client) idCall(ctx context.Context, op Operation, ids []ID, body any) (*IDResponse, *Response, error) {
	out := new(IDResponse)
	resp, err := c.call(ctx, op, ids, nil, body, out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}
