package joinclient

import (
	"context"
	"iter"
	"net/mail"
	"net/url"
	"strings"
	"time"
)

// ApplicationsService covers /applications.
type ApplicationsService struct{ c *Client }

// ApplicationListOptions filters GET /applications (newest first).
type ApplicationListOptions struct {
	ListOptions
	JobID         ID
	JobExternalID string
	UpdatedAtGte  time.Time // only applications changed at or after this time
}

func (o ApplicationListOptions) query() (url.Values, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	if o.JobID < 0 {
		return nil, checkID("jobId", o.JobID)
	}
	q := url.Values{}
	o.addTo(q)
	if o.JobID > 0 {
		q.Set("jobId", o.JobID.String())
	}
	if o.JobExternalID != "" {
		q.Set("jobExternalId", o.JobExternalID)
	}
	if !o.UpdatedAtGte.IsZero() {
		q.Set("updatedAtGte", o.UpdatedAtGte.UTC().Format(time.RFC3339))
	}
	return q, nil
}

// List returns one page of applications.
func (s *ApplicationsService) List(ctx context.Context, opts ApplicationListOptions) ([]Application, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	var apps []Application
	resp, err := s.c.call(ctx, OpListApplications, nil, q, nil, &apps)
	return apps, resp, err
}

// All iterates over every application matching opts.
func (s *ApplicationsService) All(ctx context.Context, opts ApplicationListOptions) iter.Seq2[Application, error] {
	return paginate(ctx, opts.ListOptions, func(ctx context.Context, lo ListOptions) ([]Application, *Response, error) {
		opts.ListOptions = lo
		return s.List(ctx, opts)
	})
}

// Get returns one application.
func (s *ApplicationsService) Get(ctx context.Context, id ID) (*Application, *Response, error) {
	if err := checkID("applicationId", id); err != nil {
		return nil, nil, err
	}
	app := new(Application)
	resp, err := s.c.call(ctx, OpGetApplication, []ID{id}, nil, nil, app)
	if err != nil {
		return nil, resp, err
	}
	return app, resp, nil
}

// NewCandidate is the candidate part of a new application. The request field
// is "phone" (the read model says "phoneNumber").
type NewCandidate struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Email     string `json:"email"`
	Phone     string `json:"phone,omitempty"`
}

// Document is a file sent with a new application; Data is sent as base64.
type Document struct {
	Type string `json:"type"`
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// CreateApplicationRequest is the body of POST /applications.
type CreateApplicationRequest struct {
	JobID                 ID           `json:"jobId"`
	Candidate             NewCandidate `json:"candidate"`
	Source                string       `json:"source,omitempty"`
	IntegrationExternalID string       `json:"integrationExternalId,omitempty"`
	Documents             []Document   `json:"documents,omitempty"`
}

func checkEmail(field, v string) error {
	if err := checkRequired(field, v); err != nil {
		return err
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v || !strings.Contains(v, ".") {
		return &ArgError{Field: field, Problem: "must be a plain e-mail address such as jane@example.com"}
	}
	return nil
}

func (r *CreateApplicationRequest) check() error {
	if r == nil {
		return &ArgError{Field: "application", Problem: "is required"}
	}
	if err := checkID("jobId", r.JobID); err != nil {
		return err
	}
	if err := checkRequired("candidate.firstName", r.Candidate.FirstName); err != nil {
		return err
	}
	if err := checkRequired("candidate.lastName", r.Candidate.LastName); err != nil {
		return err
	}
	if err := checkEmail("candidate.email", r.Candidate.Email); err != nil {
		return err
	}
	if err := checkEnum("source", r.Source, ApplicationSourceValues); err != nil {
		return err
	}
	for _, d := range r.Documents {
		if err := checkEnum("documents.type", d.Type, DocumentTypeValues); err != nil {
			return err
		}
		if err := checkRequired("documents.type", d.Type); err != nil {
			return err
		}
		if err := checkRequired("documents.name", d.Name); err != nil {
			return err
		}
		if len(d.Data) == 0 {
			return &ArgError{Field: "documents.data", Problem: "is empty"}
		}
	}
	return nil
}

// Create adds an application (and its candidate) to a job. The answer carries
// the new candidateId. JOIN refuses a second application of the same e-mail
// to the same job with a message containing "already exists".
func (s *ApplicationsService) Create(ctx context.Context, req *CreateApplicationRequest) (*IDResponse, *Response, error) {
	if err := req.check(); err != nil {
		return nil, nil, err
	}
	return s.c.idCall(ctx, OpCreateApplication, nil, req)
}

// Delete removes an application for good.
func (s *ApplicationsService) Delete(ctx context.Context, id ID) (*Response, error) {
	if err := checkID("applicationId", id); err != nil {
		return nil, err
	}
	return s.c.call(ctx, OpDeleteApplication, []ID{id}, nil, nil, nil)
}

// UpdateTags replaces the application's tags with tags.
func (s *ApplicationsService) UpdateTags(ctx context.Context, id ID, tags []string) (*IDResponse, *Response, error) {
	if err := checkID("applicationId", id); err != nil {
		return nil, nil, err
	}
	clean := make([]string, 0, len(tags))
	for _, t := range tags {
		if strings.TrimSpace(t) == "" {
			return nil, nil, &ArgError{Field: "tags", Problem: "must not contain empty tags"}
		}
		clean = append(clean, strings.TrimSpace(t))
	}
	return s.c.idCall(ctx, OpUpdateApplicationTags, []ID{id}, map[string][]string{"tags": clean})
}

// UpdateIntegrationData stores the integrator's external id on an application.
func (s *ApplicationsService) UpdateIntegrationData(ctx context.Context, id ID, externalID string) (*IDResponse, *Response, error) {
	if err := checkID("applicationId", id); err != nil {
		return nil, nil, err
	}
	if err := checkRequired("externalId", externalID); err != nil {
		return nil, nil, err
	}
	return s.c.idCall(ctx, OpUpdateApplicationIntegration, []ID{id}, map[string]string{"externalId": externalID})
}
