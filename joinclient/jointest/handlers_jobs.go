package jointest

import (
	"fmt"
	"math"
	"net/http"
	"net/mail"
	"reflect"
	"slices"
	"strings"

	"github.com/join-mcp/join-mcp/joinclient"
)

// jobJSON is the wire shape of a job. Optional values JOIN may leave empty
// are sent as null (remoteType, seniorityId, externalId, salary, contact,
// openedAt) so clients meet nulls. publicUrl and openedAt are not in the
// client's model on purpose: clients must tolerate fields they do not know.
type jobJSON struct {
	ID               joinclient.ID      `json:"id"`
	Title            string             `json:"title"`
	Description      *string            `json:"description,omitempty"` // only with content=true in lists
	Status           string             `json:"status"`
	CreatedAt        string             `json:"createdAt"`
	LastUpdatedAt    string             `json:"lastUpdatedAt"`
	WorkplaceType    string             `json:"workplaceType"`
	RemoteType       *string            `json:"remoteType"`
	EmploymentTypeID joinclient.ID      `json:"employmentTypeId"`
	CategoryID       joinclient.ID      `json:"categoryId"`
	SeniorityID      *joinclient.ID     `json:"seniorityId"`
	Language         string             `json:"language"`
	ExternalID       *string            `json:"externalId"`
	Office           *Office            `json:"office"`
	Salary           *Salary            `json:"salary"`
	Contact          *Contact           `json:"contact"`
	CV               string             `json:"cv"`
	CoverLetter      string             `json:"coverLetter"`
	Questions        []Question         `json:"questions"`
	HiringTeam       []HiringTeamMember `json:"hiringTeam"`
	PublicURL        string             `json:"publicUrl"`
	OpenedAt         *string            `json:"openedAt"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// jobJSON renders j; st.mu must be held.
func (st *Store) jobJSON(j *Job, withDescription bool) jobJSON {
	out := jobJSON{
		ID:               j.ID,
		Title:            j.Title,
		Status:           j.Status,
		CreatedAt:        timestamp(j.CreatedAt),
		LastUpdatedAt:    timestamp(j.LastUpdatedAt),
		WorkplaceType:    j.WorkplaceType,
		RemoteType:       nullable(j.RemoteType),
		EmploymentTypeID: j.EmploymentTypeID,
		CategoryID:       j.CategoryID,
		Language:         j.Language,
		ExternalID:       nullable(j.ExternalID),
		CV:               j.CV,
		CoverLetter:      j.CoverLetter,
		Questions:        []Question{},
		HiringTeam:       []HiringTeamMember{},
		PublicURL:        fmt.Sprintf("https://join.com/companies/%s/%d-%s", st.companySlug, j.ID, slugify(j.Title)),
	}
	if withDescription {
		d := j.Description
		out.Description = &d
	}
	if j.SeniorityID != 0 {
		id := j.SeniorityID
		out.SeniorityID = &id
	}
	if o := st.offices[j.OfficeID]; o != nil {
		oc := *o
		out.Office = &oc
	}
	cj := cloneJob(j)
	out.Salary, out.Contact = cj.Salary, cj.Contact
	if len(cj.Questions) > 0 {
		out.Questions = cj.Questions
	}
	if len(cj.HiringTeam) > 0 {
		out.HiringTeam = cj.HiringTeam
	}
	if !j.OpenedAt.IsZero() {
		out.OpenedAt = nullable(timestamp(j.OpenedAt))
	}
	return out
}

func handleListJobs(c *call) {
	if !c.allowQuery("page", "pageSize", "status", "content") {
		return
	}
	page, size, ok := c.pagination()
	if !ok {
		return
	}
	status, filter := c.query["status"]
	if filter {
		if msg := enumProblem("status", status[0], joinclient.JobStatusValues); msg != "" {
			c.invalid(msg)
			return
		}
	}
	// Without content=true list items leave out the (long) description,
	// which is why Kirby's plugin asks for content=true.
	withDescription := c.query.Get("content") == "true"

	st := c.st
	st.mu.RLock()
	out := []jobJSON{}
	for _, j := range sortedPtrs(st.jobs) {
		if filter && j.Status != status[0] {
			continue
		}
		out = append(out, st.jobJSON(j, withDescription))
	}
	st.mu.RUnlock()
	c.json(http.StatusOK, paginate(out, page, size))
}

func handleGetJob(c *call) {
	if !c.allowQuery() {
		return
	}
	st := c.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	j := found(c, st.jobs, "jobId", "Job")
	if j == nil {
		return
	}
	c.json(http.StatusOK, st.jobJSON(j, true))
}

type salaryInput struct {
	From           *float64 `json:"from"`
	To             *float64 `json:"to"`
	Currency       *string  `json:"currency"`
	Frequency      *string  `json:"frequency"`
	IsShownOnJobAd *bool    `json:"isShownOnJobAd"`
}

type contactInput struct {
	Name     *string `json:"name"`
	Email    *string `json:"email"`
	Position *string `json:"position"`
}

type questionInput struct {
	Name     *string  `json:"name"`
	Type     *string  `json:"type"`
	Options  []string `json:"options"`
	Required *bool    `json:"required"`
}

type hiringTeamInput struct {
	HiringTeamMember *string `json:"hiringTeamMember"`
	JobRole          *string `json:"jobRole"`
}

// jobInput is the body of POST /jobs and PATCH /jobs/{id}. Status is decoded
// only to reject it on PATCH with a pointer to changeStatus. Ids are plain
// int64 (not joinclient.ID, which tolerates "12") so a quoted id is a 400.
type jobInput struct {
	Title            *string            `json:"title"`
	Description      *string            `json:"description"`
	CategoryID       *int64             `json:"categoryId"`
	Language         *string            `json:"language"`
	EmploymentTypeID *int64             `json:"employmentTypeId"`
	OfficeID         *int64             `json:"officeId"`
	ExternalID       *string            `json:"externalId"`
	Status           *string            `json:"status"`
	WorkplaceType    *string            `json:"workplaceType"`
	RemoteType       *string            `json:"remoteType"`
	SeniorityID      *int64             `json:"seniorityId"`
	CV               *string            `json:"cv"`
	CoverLetter      *string            `json:"coverLetter"`
	Salary           *salaryInput       `json:"salary"`
	Contact          *contactInput      `json:"contact"`
	ContactPerson    *string            `json:"contactPerson"`
	Questions        *[]questionInput   `json:"questions"`
	HiringTeam       *[]hiringTeamInput `json:"hiringTeam"`
}

// The create-only statuses: JOIN creates ONLINE by default (and multiposts
// at once); archiving happens through changeStatus.
var createStatusValues = []string{"ONLINE", "OFFLINE"}

var questionTypeValues = []string{"TEXT"}

var jobRoleValues = []string{"admin"}

func handleCreateJob(c *call) {
	var in jobInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if msg := firstMissing(
		field{"title", in.Title == nil},
		field{"description", in.Description == nil},
		field{"categoryId", in.CategoryID == nil},
		field{"language", in.Language == nil},
		field{"employmentTypeId", in.EmploymentTypeID == nil},
		field{"officeId", in.OfficeID == nil},
	); msg != "" {
		c.invalid(msg)
		return
	}
	if in.Status != nil {
		if msg := enumProblem("status", *in.Status, createStatusValues); msg != "" {
			c.invalid(msg + " (archive a job with PATCH /jobs/{jobId}/changeStatus)")
			return
		}
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.clock()
	j := &Job{Status: "ONLINE", WorkplaceType: "ONSITE", CV: "REQUIRED", CoverLetter: "OPTIONAL", CreatedAt: now, LastUpdatedAt: now}
	if in.Status != nil {
		j.Status = *in.Status
	}
	if msg := st.applyJobInput(j, &in); msg != "" {
		c.invalid(msg)
		return
	}
	j.ID = st.newID(kindJob)
	if j.Status == "ONLINE" {
		j.OpenedAt = now
	}
	st.jobs[j.ID] = j
	c.idResponse(http.StatusCreated, j.ID)
}

func handleUpdateJob(c *call) {
	var in jobInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if in.Status != nil {
		c.invalid("Field \"status\" cannot be changed with PATCH /jobs/{jobId}; use PATCH /jobs/{jobId}/changeStatus")
		return
	}
	if in == (jobInput{}) {
		c.invalid("Request body contains no fields to update; accepted fields: " + describeFields(reflect.TypeFor[jobInput]()))
		return
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	j := found(c, st.jobs, "jobId", "Job")
	if j == nil {
		return
	}
	draft := cloneJob(j)
	if msg := st.applyJobInput(&draft, &in); msg != "" {
		c.invalid(msg)
		return
	}
	draft.LastUpdatedAt = st.clock()
	*j = draft
	c.idResponse(http.StatusOK, j.ID)
}

// applyJobInput validates the given fields of in and applies them to j; the
// caller holds st.mu and only keeps j when the message is "".
func (st *Store) applyJobInput(j *Job, in *jobInput) string {
	if in.Title != nil {
		v := strings.TrimSpace(*in.Title)
		if v == "" || len([]rune(v)) > 200 {
			return "title must be between 1 and 200 characters"
		}
		j.Title = v
	}
	if in.Description != nil {
		if strings.TrimSpace(*in.Description) == "" {
			return "description must not be empty"
		}
		j.Description = *in.Description
	}
	if in.CategoryID != nil {
		if msg := subCategoryProblem(joinclient.ID(*in.CategoryID)); msg != "" {
			return msg
		}
		j.CategoryID = joinclient.ID(*in.CategoryID)
	}
	if in.Language != nil {
		v := strings.TrimSpace(*in.Language)
		if !isLetters2(v) {
			return fmt.Sprintf("language must be a two-letter ISO 639-1 code such as en or de, got %q", *in.Language)
		}
		j.Language = strings.ToLower(v)
	}
	if in.EmploymentTypeID != nil {
		if !knownID(employmentTypes, joinclient.ID(*in.EmploymentTypeID)) {
			return fmt.Sprintf("employmentTypeId %d is not a known employment type (see GET /employmentTypes)", *in.EmploymentTypeID)
		}
		j.EmploymentTypeID = joinclient.ID(*in.EmploymentTypeID)
	}
	if in.OfficeID != nil {
		if st.offices[joinclient.ID(*in.OfficeID)] == nil {
			return fmt.Sprintf("officeId %d is not an office of this company (see GET /offices)", *in.OfficeID)
		}
		j.OfficeID = joinclient.ID(*in.OfficeID)
	}
	if in.ExternalID != nil {
		v := strings.TrimSpace(*in.ExternalID)
		if len(v) > 255 {
			return "externalId must be at most 255 characters"
		}
		j.ExternalID = v
	}
	if in.WorkplaceType != nil {
		if msg := enumProblem("workplaceType", *in.WorkplaceType, joinclient.WorkplaceTypeValues); msg != "" {
			return msg
		}
		j.WorkplaceType = *in.WorkplaceType
		if j.WorkplaceType != "REMOTE" {
			j.RemoteType = "" // only meaningful for REMOTE
		}
	}
	if in.RemoteType != nil {
		if msg := enumProblem("remoteType", *in.RemoteType, joinclient.RemoteTypeValues); msg != "" {
			return msg
		}
		if j.WorkplaceType != "REMOTE" {
			return fmt.Sprintf("remoteType is only allowed when workplaceType is REMOTE (workplaceType is %s)", j.WorkplaceType)
		}
		j.RemoteType = *in.RemoteType
	}
	if in.SeniorityID != nil {
		if !knownID(seniorityLevels, joinclient.ID(*in.SeniorityID)) {
			return fmt.Sprintf("seniorityId %d is not a known seniority level (see GET /seniorityLevels)", *in.SeniorityID)
		}
		j.SeniorityID = joinclient.ID(*in.SeniorityID)
	}
	for _, f := range []struct {
		name string
		in   *string
		dst  *string
	}{{"cv", in.CV, &j.CV}, {"coverLetter", in.CoverLetter, &j.CoverLetter}} {
		if f.in == nil {
			continue
		}
		if msg := enumProblem(f.name, *f.in, joinclient.RequirementValues); msg != "" {
			return msg
		}
		*f.dst = *f.in
	}
	if in.Salary != nil {
		s, msg := salaryFrom(in.Salary)
		if msg != "" {
			return msg
		}
		j.Salary = s
	}
	if in.Contact != nil {
		ct, msg := contactFrom(in.Contact)
		if msg != "" {
			return msg
		}
		j.Contact = ct
	}
	if in.ContactPerson != nil {
		j.ContactPerson = strings.TrimSpace(*in.ContactPerson)
	}
	if in.Questions != nil {
		qs, msg := questionsFrom(*in.Questions)
		if msg != "" {
			return msg
		}
		j.Questions = qs
	}
	if in.HiringTeam != nil {
		ht, msg := hiringTeamFrom(*in.HiringTeam)
		if msg != "" {
			return msg
		}
		j.HiringTeam = ht
	}
	return ""
}

func salaryFrom(in *salaryInput) (*Salary, string) {
	if msg := firstMissing(field{"salary.currency", in.Currency == nil}, field{"salary.frequency", in.Frequency == nil}); msg != "" {
		return nil, msg
	}
	if msg := enumProblem("salary.currency", *in.Currency, joinclient.CurrencyValues); msg != "" {
		return nil, msg
	}
	if msg := enumProblem("salary.frequency", *in.Frequency, joinclient.SalaryFrequencyValues); msg != "" {
		return nil, msg
	}
	if in.From == nil && in.To == nil {
		return nil, "salary needs at least one of salary.from and salary.to"
	}
	for _, v := range []*float64{in.From, in.To} {
		if v != nil && (*v < 0 || math.IsInf(*v, 0)) {
			return nil, "salary.from and salary.to must not be negative"
		}
	}
	if in.From != nil && in.To != nil && *in.From > *in.To {
		return nil, fmt.Sprintf("salary.from (%g) must not be greater than salary.to (%g)", *in.From, *in.To)
	}
	s := &Salary{Currency: *in.Currency, Frequency: *in.Frequency, IsShownOnJobAd: in.IsShownOnJobAd != nil && *in.IsShownOnJobAd}
	if in.From != nil {
		v := *in.From
		s.From = &v
	}
	if in.To != nil {
		v := *in.To
		s.To = &v
	}
	return s, ""
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}

func contactFrom(in *contactInput) (*Contact, string) {
	if msg := firstMissing(field{"contact.name", in.Name == nil}, field{"contact.email", in.Email == nil}); msg != "" {
		return nil, msg
	}
	ct := &Contact{Name: strings.TrimSpace(*in.Name), Email: strings.TrimSpace(*in.Email)}
	if ct.Name == "" {
		return nil, "contact.name must not be empty"
	}
	if !validEmail(ct.Email) {
		return nil, fmt.Sprintf("contact.email %q is not a valid e-mail address", *in.Email)
	}
	if in.Position != nil {
		ct.Position = strings.TrimSpace(*in.Position)
	}
	return ct, ""
}

func questionsFrom(in []questionInput) ([]Question, string) {
	out := make([]Question, 0, len(in))
	for i, q := range in {
		if q.Name == nil || strings.TrimSpace(*q.Name) == "" {
			return nil, fmt.Sprintf("Field \"questions[%d].name\" is required", i)
		}
		typ := "TEXT"
		if q.Type != nil {
			if msg := enumProblem(fmt.Sprintf("questions[%d].type", i), *q.Type, questionTypeValues); msg != "" {
				return nil, msg
			}
			typ = *q.Type
		}
		out = append(out, Question{Name: strings.TrimSpace(*q.Name), Type: typ, Options: slices.Clone(q.Options), Required: q.Required != nil && *q.Required})
	}
	return out, ""
}

func hiringTeamFrom(in []hiringTeamInput) ([]HiringTeamMember, string) {
	out := make([]HiringTeamMember, 0, len(in))
	for i, m := range in {
		if m.HiringTeamMember == nil || strings.TrimSpace(*m.HiringTeamMember) == "" {
			return nil, fmt.Sprintf("Field \"hiringTeam[%d].hiringTeamMember\" is required", i)
		}
		role := "admin"
		if m.JobRole != nil {
			if msg := enumProblem(fmt.Sprintf("hiringTeam[%d].jobRole", i), *m.JobRole, jobRoleValues); msg != "" {
				return nil, msg
			}
			role = *m.JobRole
		}
		out = append(out, HiringTeamMember{HiringTeamMember: strings.TrimSpace(*m.HiringTeamMember), JobRole: role})
	}
	return out, ""
}

type statusInput struct {
	Status *string `json:"status"`
}

func handleChangeJobStatus(c *call) {
	var in statusInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if in.Status == nil {
		c.invalid("Field \"status\" is required")
		return
	}
	if msg := enumProblem("status", *in.Status, joinclient.JobStatusValues); msg != "" {
		c.invalid(msg)
		return
	}
	c.setJobStatus(*in.Status)
}

// activate and archive are deprecated in JOIN in favour of changeStatus; the
// Deprecation header lets client tests check that nobody still calls them
// unknowingly.
func handleActivateJob(c *call) {
	if !c.allowQuery() || !c.noBody() {
		return
	}
	c.w.Header().Set("Deprecation", "true")
	c.setJobStatus("ONLINE")
}

func handleArchiveJob(c *call) {
	if !c.allowQuery() || !c.noBody() {
		return
	}
	c.w.Header().Set("Deprecation", "true")
	c.setJobStatus("ARCHIVED")
}

func (c *call) setJobStatus(status string) {
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	j := found(c, st.jobs, "jobId", "Job")
	if j == nil {
		return
	}
	now := st.clock()
	j.Status = status
	j.LastUpdatedAt = now
	if status == "ONLINE" && j.OpenedAt.IsZero() {
		j.OpenedAt = now
	}
	c.idResponse(http.StatusOK, j.ID)
}
