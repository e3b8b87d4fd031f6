package jointest

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/join-mcp/join-mcp/joinclient"
)

// The record types below are the fake's state. Their JSON tags are JOIN's
// wire names where the record is served as is (Office, Salary, Contact,
// Question, HiringTeamMember, ScreeningAnswer); the handlers build the other
// wire shapes from them.

// Office is a company location.
type Office struct {
	ID           joinclient.ID `json:"id"`
	Name         string        `json:"name"`
	StreetName   string        `json:"streetName"`
	StreetNumber string        `json:"streetNumber"`
	PostalCode   string        `json:"postalCode"`
	City         string        `json:"city"`
	CountryISO   string        `json:"countryIso"`
	IsDefault    bool          `json:"isDefault"`
}

// Salary is a job's pay range.
type Salary struct {
	From           *float64 `json:"from,omitempty"`
	To             *float64 `json:"to,omitempty"`
	Currency       string   `json:"currency"`
	Frequency      string   `json:"frequency"`
	IsShownOnJobAd bool     `json:"isShownOnJobAd"`
}

// Contact is a job's contact person.
type Contact struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Position string `json:"position,omitempty"`
}

// Question is a screening question of a job.
type Question struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Options  []string `json:"options,omitempty"`
	Required bool     `json:"required"`
}

// HiringTeamMember gives a JOIN user a role on a job.
type HiringTeamMember struct {
	HiringTeamMember string `json:"hiringTeamMember"`
	JobRole          string `json:"jobRole"`
}

// Job is a job ad.
type Job struct {
	ID               joinclient.ID
	Title            string
	Description      string // HTML
	Status           string // ONLINE, OFFLINE, ARCHIVED
	CreatedAt        time.Time
	LastUpdatedAt    time.Time
	OpenedAt         time.Time // first time ONLINE; zero if never
	WorkplaceType    string
	RemoteType       string // "" unless REMOTE
	EmploymentTypeID joinclient.ID
	CategoryID       joinclient.ID // a sub-category
	SeniorityID      joinclient.ID // 0 = none
	Language         string
	ExternalID       string
	OfficeID         joinclient.ID
	Salary           *Salary
	Contact          *Contact
	ContactPerson    string
	CV               string
	CoverLetter      string
	Questions        []Question
	HiringTeam       []HiringTeamMember
}

// Candidate is a person; one candidate can apply to several jobs (matched by
// e-mail, case-insensitively).
type Candidate struct {
	ID            joinclient.ID
	FirstName     string
	LastName      string
	Email         string
	Phone         string // served as phoneNumber
	CreatedAt     time.Time
	LastUpdatedAt time.Time
}

// ScreeningAnswer is a candidate's answer to a job's screening question.
type ScreeningAnswer struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// Application is one candidate applying to one job.
type Application struct {
	ID                    joinclient.ID
	JobID                 joinclient.ID
	CandidateID           joinclient.ID
	CreatedAt             time.Time
	LastUpdatedAt         time.Time
	HiringState           string
	Source                string // the create-time channel (ApplicationSourceValues)
	SourceProduct         string // served as source.product
	SourcePremium         bool
	Tags                  []string
	IntegrationExternalID string
	AttachmentIDs         []joinclient.ID
	SalaryExpectation     string
	ScreeningAnswers      []ScreeningAnswer
	CoverLetterText       string
}

// Note is a note on a candidate.
type Note struct {
	ID            joinclient.ID
	CandidateID   joinclient.ID
	Content       string
	Author        string
	CreatedAt     time.Time
	LastUpdatedAt time.Time
}

// File is an application attachment with its bytes.
type File struct {
	ID            joinclient.ID
	ApplicationID joinclient.ID
	Type          string // CV, COVER_LETTER, JOIN_CV, ...
	Name          string
	ContentType   string
	Data          []byte
	CreatedAt     time.Time

	// build produces Data on first use. Seed documents are built lazily:
	// generating ~200 PDFs and DOCX files eagerly would make every
	// NewServer cost tens of milliseconds (far more under -race).
	build func() []byte
}

// materialize builds a lazily generated document; st.mu must be held for
// writing.
func (f *File) materialize() {
	if f.build != nil {
		f.Data = f.build()
		f.build = nil
	}
}

// Id ranges: every kind has its own range so that a client mixing up an
// application id and a candidate id gets a 404 instead of the wrong object,
// and every tenant is offset by tenantIDOffset so tenants never share ids.
const tenantIDOffset = 10_000_000

type idKind int

const (
	kindOffice idKind = iota
	kindJob
	kindCandidate
	kindApplication
	kindNote
	kindFile
	kindCount
)

var idBase = [kindCount]int64{
	kindOffice:      2000,
	kindJob:         3000,
	kindCandidate:   50000,
	kindApplication: 70000,
	kindNote:        90000,
	kindFile:        200000,
}

// Store is one tenant's (company's) data. Accessors return copies; handlers
// hold mu for a whole operation so each request sees and leaves a consistent
// state.
type Store struct {
	mu          sync.RWMutex
	now         func() time.Time
	tenant      int
	company     string
	companySlug string
	next        [kindCount]int64

	offices      map[joinclient.ID]*Office
	jobs         map[joinclient.ID]*Job
	candidates   map[joinclient.ID]*Candidate
	applications map[joinclient.ID]*Application
	notes        map[joinclient.ID]*Note
	files        map[joinclient.ID]*File
}

func newStore(tenant int, now func() time.Time) *Store {
	st := &Store{
		now:          now,
		tenant:       tenant,
		company:      companyName(tenant),
		offices:      map[joinclient.ID]*Office{},
		jobs:         map[joinclient.ID]*Job{},
		candidates:   map[joinclient.ID]*Candidate{},
		applications: map[joinclient.ID]*Application{},
		notes:        map[joinclient.ID]*Note{},
		files:        map[joinclient.ID]*File{},
	}
	st.companySlug = slugify(st.company)
	for k := range st.next {
		st.next[k] = idBase[k] + int64(tenant)*tenantIDOffset
	}
	return st
}

func (st *Store) newID(k idKind) joinclient.ID {
	st.next[k]++
	return joinclient.ID(st.next[k])
}

// clock is the store's "now" at the one-second precision of JOIN timestamps.
func (st *Store) clock() time.Time { return st.now().UTC().Truncate(time.Second) }

// Company is the tenant's company name.
func (st *Store) Company() string { return st.company }

// Offices returns all offices by id.
func (st *Store) Offices() []Office {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return copyAll(st.offices, func(o *Office) Office { return *o })
}

// Office returns one office.
func (st *Store) Office(id joinclient.ID) (Office, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if o := st.offices[id]; o != nil {
		return *o, true
	}
	return Office{}, false
}

// Jobs returns all jobs by id.
func (st *Store) Jobs() []Job {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return copyAll(st.jobs, cloneJob)
}

// Job returns one job.
func (st *Store) Job(id joinclient.ID) (Job, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if j := st.jobs[id]; j != nil {
		return cloneJob(j), true
	}
	return Job{}, false
}

// Candidates returns all candidates by id.
func (st *Store) Candidates() []Candidate {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return copyAll(st.candidates, func(c *Candidate) Candidate { return *c })
}

// Candidate returns one candidate.
func (st *Store) Candidate(id joinclient.ID) (Candidate, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if c := st.candidates[id]; c != nil {
		return *c, true
	}
	return Candidate{}, false
}

// CandidateByEmail finds a candidate by e-mail, case-insensitively.
func (st *Store) CandidateByEmail(email string) (Candidate, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if c := st.candidateByEmail(email); c != nil {
		return *c, true
	}
	return Candidate{}, false
}

func (st *Store) candidateByEmail(email string) *Candidate {
	for _, c := range st.candidates {
		if strings.EqualFold(c.Email, strings.TrimSpace(email)) {
			return c
		}
	}
	return nil
}

// Applications returns all applications by id.
func (st *Store) Applications() []Application {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return copyAll(st.applications, cloneApplication)
}

// ApplicationsForJob returns the applications to one job by id.
func (st *Store) ApplicationsForJob(jobID joinclient.ID) []Application {
	var out []Application
	for _, a := range st.Applications() {
		if a.JobID == jobID {
			out = append(out, a)
		}
	}
	return out
}

// Application returns one application.
func (st *Store) Application(id joinclient.ID) (Application, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if a := st.applications[id]; a != nil {
		return cloneApplication(a), true
	}
	return Application{}, false
}

// Notes returns a candidate's notes, oldest first.
func (st *Store) Notes(candidateID joinclient.ID) []Note {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.notesOf(candidateID)
}

// AllNotes returns every note by id.
func (st *Store) AllNotes() []Note {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return copyAll(st.notes, func(n *Note) Note { return *n })
}

func (st *Store) notesOf(candidateID joinclient.ID) []Note {
	var out []Note
	for _, n := range st.notes {
		if n.CandidateID == candidateID {
			out = append(out, *n)
		}
	}
	slices.SortFunc(out, func(a, b Note) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out
}

// Files returns every file by id (with its bytes).
func (st *Store) Files() []File {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, f := range st.files {
		f.materialize()
	}
	return copyAll(st.files, cloneFile)
}

// File returns one file with its bytes.
func (st *Store) File(id joinclient.ID) (File, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if f := st.files[id]; f != nil {
		f.materialize()
		return cloneFile(f), true
	}
	return File{}, false
}

// SetHiringState moves an application to another pipeline state. The API
// has no known endpoint for it, so tests set it here.
func (st *Store) SetHiringState(applicationID joinclient.ID, state string) error {
	if msg := enumProblem("hiringState", state, joinclient.HiringStateValues); msg != "" {
		return fmt.Errorf("jointest: %s", msg)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	a := st.applications[applicationID]
	if a == nil {
		return fmt.Errorf("jointest: application %d not found", applicationID)
	}
	a.HiringState = state
	a.LastUpdatedAt = st.clock()
	return nil
}

func copyAll[T any, R any](m map[joinclient.ID]*T, conv func(*T) R) []R {
	keys := slices.Sorted(maps.Keys(m))
	out := make([]R, 0, len(keys))
	for _, k := range keys {
		out = append(out, conv(m[k]))
	}
	return out
}

// sortedPtrs returns the map's values ordered by id, for handlers.
func sortedPtrs[T any](m map[joinclient.ID]*T) []*T {
	keys := slices.Sorted(maps.Keys(m))
	out := make([]*T, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

func cloneJob(j *Job) Job {
	c := *j
	if j.Salary != nil {
		s := *j.Salary
		if s.From != nil {
			v := *s.From
			s.From = &v
		}
		if s.To != nil {
			v := *s.To
			s.To = &v
		}
		c.Salary = &s
	}
	if j.Contact != nil {
		ct := *j.Contact
		c.Contact = &ct
	}
	c.Questions = nil
	for _, q := range j.Questions {
		q.Options = slices.Clone(q.Options)
		c.Questions = append(c.Questions, q)
	}
	c.HiringTeam = slices.Clone(j.HiringTeam)
	return c
}

func cloneApplication(a *Application) Application {
	c := *a
	c.Tags = slices.Clone(a.Tags)
	c.AttachmentIDs = slices.Clone(a.AttachmentIDs)
	c.ScreeningAnswers = slices.Clone(a.ScreeningAnswers)
	return c
}

// cloneFile copies a materialized file.
func cloneFile(f *File) File {
	c := *f
	c.Data = bytes.Clone(f.Data)
	c.build = nil
	return c
}

// timestamp renders t the way JOIN does: RFC 3339, UTC, whole seconds.
func timestamp(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// slugify lower-cases s and keeps ASCII letters and digits, joined by '-'.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range asciiFold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
