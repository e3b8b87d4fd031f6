package joinclient

import "encoding/json"

// The models below follow ../shared/join-api-v2.md section 3. Every object
// keeps unknown fields in Extra so nothing JOIN sends is lost.

// Office is a company location; a job's location is always an office.
type Office struct {
	ID           ID     `json:"id"`
	Name         string `json:"name,omitempty"`
	StreetName   string `json:"streetName,omitempty"`
	StreetNumber string `json:"streetNumber,omitempty"`
	PostalCode   string `json:"postalCode,omitempty"`
	City         string `json:"city,omitempty"`
	CountryISO   string `json:"countryIso,omitempty"`
	IsDefault    bool   `json:"isDefault,omitempty"`
	Extra        Extra  `json:"-"`
}

// Salary is a job's pay range. From and To are optional individually.
type Salary struct {
	From           *float64 `json:"from,omitempty"`
	To             *float64 `json:"to,omitempty"`
	Currency       string   `json:"currency,omitempty"`
	Frequency      string   `json:"frequency,omitempty"`
	IsShownOnJobAd *bool    `json:"isShownOnJobAd,omitempty"`
}

// Contact is a job's contact person.
type Contact struct {
	Name     string `json:"name,omitempty"`
	Email    string `json:"email,omitempty"`
	Position string `json:"position,omitempty"`
}

// Question is a screening question on a job's application form.
type Question struct {
	Name     string   `json:"name"`
	Type     string   `json:"type,omitempty"`
	Options  []string `json:"options,omitempty"`
	Required bool     `json:"required,omitempty"`
}

// HiringTeamMember gives a JOIN user a role on a job.
type HiringTeamMember struct {
	HiringTeamMember string `json:"hiringTeamMember"`
	JobRole          string `json:"jobRole,omitempty"`
}

// Job is a job ad. Timestamps stay strings so an unexpected format never
// fails a whole list.
type Job struct {
	ID               ID                 `json:"id"`
	Title            string             `json:"title,omitempty"`
	Description      string             `json:"description,omitempty"`
	Status           string             `json:"status,omitempty"`
	CreatedAt        string             `json:"createdAt,omitempty"`
	LastUpdatedAt    string             `json:"lastUpdatedAt,omitempty"`
	WorkplaceType    string             `json:"workplaceType,omitempty"`
	RemoteType       string             `json:"remoteType,omitempty"`
	EmploymentTypeID ID                 `json:"employmentTypeId,omitempty"`
	CategoryID       ID                 `json:"categoryId,omitempty"`
	SeniorityID      ID                 `json:"seniorityId,omitempty"`
	Language         string             `json:"language,omitempty"`
	ExternalID       string             `json:"externalId,omitempty"`
	Office           *Office            `json:"office,omitempty"`
	Salary           *Salary            `json:"salary,omitempty"`
	Contact          *Contact           `json:"contact,omitempty"`
	CV               string             `json:"cv,omitempty"`
	CoverLetter      string             `json:"coverLetter,omitempty"`
	Questions        []Question         `json:"questions,omitempty"`
	HiringTeam       []HiringTeamMember `json:"hiringTeam,omitempty"`
	Extra            Extra              `json:"-"`
}

// SubCategory is what a job's categoryId refers to.
type SubCategory struct {
	ID    ID     `json:"id"`
	Name  string `json:"name"`
	Slug  string `json:"slug,omitempty"`
	Extra Extra  `json:"-"`
}

// Category groups sub-categories.
type Category struct {
	ID            ID            `json:"id"`
	Name          string        `json:"name"`
	Slug          string        `json:"slug,omitempty"`
	SubCategories []SubCategory `json:"subCategories"`
	Extra         Extra         `json:"-"`
}

// EmploymentType is e.g. "Full-time", labelled in the requested language.
type EmploymentType struct {
	ID    ID     `json:"id"`
	Name  string `json:"name"`
	Slug  string `json:"slug,omitempty"`
	Extra Extra  `json:"-"`
}

// SeniorityLevel is e.g. "Junior", labelled in the requested language.
type SeniorityLevel struct {
	ID    ID     `json:"id"`
	Name  string `json:"name"`
	Extra Extra  `json:"-"`
}

// Candidate is the person behind an application. JOIN reads phoneNumber but
// the create request sends phone; both are kept until verified.
type Candidate struct {
	ID          ID     `json:"id,omitempty"`
	FirstName   string `json:"firstName,omitempty"`
	LastName    string `json:"lastName,omitempty"`
	Email       string `json:"email,omitempty"`
	PhoneNumber string `json:"phoneNumber,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Extra       Extra  `json:"-"`
}

// ApplicationJob is the job reference inside an application.
type ApplicationJob struct {
	ID         ID     `json:"id"`
	Title      string `json:"title,omitempty"`
	ExternalID string `json:"externalId,omitempty"`
}

// ApplicationSource is the channel an application came from.
type ApplicationSource struct {
	Product   string `json:"product,omitempty"`
	IsPremium bool   `json:"isPremium,omitempty"`
}

// Attachment is a file on an application. URL is pre-signed and expires.
type Attachment struct {
	ID    ID     `json:"id,omitempty"`
	Type  string `json:"type,omitempty"`
	Name  string `json:"name,omitempty"`
	URL   string `json:"url,omitempty"`
	Extra Extra  `json:"-"`
}

// Application is one candidate applying to one job.
type Application struct {
	ID                    ID                 `json:"id"`
	CreatedAt             string             `json:"createdAt,omitempty"`
	LastUpdatedAt         string             `json:"lastUpdatedAt,omitempty"`
	HiringState           string             `json:"hiringState,omitempty"`
	Candidate             *Candidate         `json:"candidate,omitempty"`
	Job                   *ApplicationJob    `json:"job,omitempty"`
	Attachments           []Attachment       `json:"attachments,omitempty"`
	Source                *ApplicationSource `json:"source,omitempty"`
	Tags                  Tags               `json:"tags,omitempty"`
	IntegrationExternalID string             `json:"integrationExternalId,omitempty"`
	Extra                 Extra              `json:"-"`
}

// Note is a note on a candidate (notes belong to the candidate, not to one
// application).
type Note struct {
	ID            ID     `json:"id"`
	Content       string `json:"content,omitempty"`
	CreatedAt     string `json:"createdAt,omitempty"`
	LastUpdatedAt string `json:"lastUpdatedAt,omitempty"`
	Extra         Extra  `json:"-"`
}

// Tags decodes both ["a","b"] and [{"name":"a"}], the two shapes seen in
// clients; it always encodes as strings.
type Tags []string

func (t *Tags) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	out := make(Tags, 0, len(raw))
	for _, r := range raw {
		var s string
		if json.Unmarshal(r, &s) == nil {
			out = append(out, s)
			continue
		}
		var obj struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(r, &obj); err != nil {
			return err
		}
		out = append(out, obj.Name)
	}
	*t = out
	return nil
}

// IDResponse is what JOIN's create and PATCH endpoints answer: { "id": n }.
// CandidateID is set by POST /applications.
type IDResponse struct {
	ID          ID    `json:"id,omitempty"`
	CandidateID ID    `json:"candidateId,omitempty"`
	Extra       Extra `json:"-"`
}

// JSON methods that keep unknown fields. Each aliases its type to drop the
// methods and avoid recursion.

func (v *Office) UnmarshalJSON(b []byte) (err error) {
	type plain Office
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v Office) MarshalJSON() ([]byte, error) {
	type plain Office
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *Job) UnmarshalJSON(b []byte) (err error) {
	type plain Job
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v Job) MarshalJSON() ([]byte, error) {
	type plain Job
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *SubCategory) UnmarshalJSON(b []byte) (err error) {
	type plain SubCategory
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v SubCategory) MarshalJSON() ([]byte, error) {
	type plain SubCategory
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *Category) UnmarshalJSON(b []byte) (err error) {
	type plain Category
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v Category) MarshalJSON() ([]byte, error) {
	type plain Category
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *EmploymentType) UnmarshalJSON(b []byte) (err error) {
	type plain EmploymentType
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v EmploymentType) MarshalJSON() ([]byte, error) {
	type plain EmploymentType
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *SeniorityLevel) UnmarshalJSON(b []byte) (err error) {
	type plain SeniorityLevel
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v SeniorityLevel) MarshalJSON() ([]byte, error) {
	type plain SeniorityLevel
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *Candidate) UnmarshalJSON(b []byte) (err error) {
	type plain Candidate
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v Candidate) MarshalJSON() ([]byte, error) {
	type plain Candidate
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *Attachment) UnmarshalJSON(b []byte) (err error) {
	type plain Attachment
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v Attachment) MarshalJSON() ([]byte, error) {
	type plain Attachment
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *Application) UnmarshalJSON(b []byte) (err error) {
	type plain Application
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v Application) MarshalJSON() ([]byte, error) {
	type plain Application
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *Note) UnmarshalJSON(b []byte) (err error) {
	type plain Note
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v Note) MarshalJSON() ([]byte, error) {
	type plain Note
	return marshalWithExtra(plain(v), v.Extra)
}

func (v *IDResponse) UnmarshalJSON(b []byte) (err error) {
	type plain IDResponse
	v.Extra, err = unmarshalWithExtra(b, (*plain)(v))
	return err
}
func (v IDResponse) MarshalJSON() ([]byte, error) {
	type plain IDResponse
	return marshalWithExtra(plain(v), v.Extra)
}
