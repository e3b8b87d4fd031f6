package jointest

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/join-mcp/join-mcp/joinclient"
)

// applicationJSON is the wire shape of an application. salaryExpectation,
// screeningAnswers and coverLetterText are our guesses at fields JOIN's
// detail view has under unknown names; they are not in the client's model on
// purpose, and the cover-letter texts include prompt-injection attempts and
// invisible Unicode so sanitising code has something to strip.
type applicationJSON struct {
	ID                    joinclient.ID      `json:"id"`
	CreatedAt             string             `json:"createdAt"`
	LastUpdatedAt         string             `json:"lastUpdatedAt"`
	HiringState           string             `json:"hiringState"`
	Candidate             candidateJSON      `json:"candidate"`
	Job                   applicationJobJSON `json:"job"`
	Attachments           []attachmentJSON   `json:"attachments"`
	Source                sourceJSON         `json:"source"`
	Tags                  []string           `json:"tags"`
	IntegrationExternalID *string            `json:"integrationExternalId"`
	SalaryExpectation     *string            `json:"salaryExpectation"`
	ScreeningAnswers      []ScreeningAnswer  `json:"screeningAnswers"`
	CoverLetterText       *string            `json:"coverLetterText"`
}

// candidateJSON: the read model says phoneNumber while the create request
// says phone, as in JOIN.
type candidateJSON struct {
	ID          joinclient.ID `json:"id"`
	FirstName   string        `json:"firstName"`
	LastName    string        `json:"lastName"`
	Email       string        `json:"email"`
	PhoneNumber *string       `json:"phoneNumber"`
}

type applicationJobJSON struct {
	ID         joinclient.ID `json:"id"`
	Title      string        `json:"title"`
	ExternalID *string       `json:"externalId"`
}

type attachmentJSON struct {
	ID   joinclient.ID `json:"id"`
	Type string        `json:"type"`
	Name string        `json:"name"`
	URL  string        `json:"url"`
}

type sourceJSON struct {
	Product   string `json:"product"`
	IsPremium bool   `json:"isPremium"`
}

// applicationJSON renders a; st.mu must be held.
func (c *call) applicationJSON(a *Application) applicationJSON {
	st := c.st
	out := applicationJSON{
		ID:                    a.ID,
		CreatedAt:             timestamp(a.CreatedAt),
		LastUpdatedAt:         timestamp(a.LastUpdatedAt),
		HiringState:           a.HiringState,
		Attachments:           []attachmentJSON{},
		Source:                sourceJSON{Product: a.SourceProduct, IsPremium: a.SourcePremium},
		Tags:                  slices.Clone(a.Tags),
		IntegrationExternalID: nullable(a.IntegrationExternalID),
		SalaryExpectation:     nullable(a.SalaryExpectation),
		ScreeningAnswers:      slices.Clone(a.ScreeningAnswers),
		CoverLetterText:       nullable(a.CoverLetterText),
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if out.ScreeningAnswers == nil {
		out.ScreeningAnswers = []ScreeningAnswer{}
	}
	if cand := st.candidates[a.CandidateID]; cand != nil {
		out.Candidate = candidateJSON{ID: cand.ID, FirstName: cand.FirstName, LastName: cand.LastName, Email: cand.Email, PhoneNumber: nullable(cand.Phone)}
	}
	out.Job.ID = a.JobID
	if j := st.jobs[a.JobID]; j != nil {
		out.Job.Title, out.Job.ExternalID = j.Title, nullable(j.ExternalID)
	}
	for _, id := range a.AttachmentIDs {
		if f := st.files[id]; f != nil {
			out.Attachments = append(out.Attachments, attachmentJSON{ID: f.ID, Type: f.Type, Name: f.Name, URL: c.s.signedURL(f)})
		}
	}
	return out
}

func handleListApplications(c *call) {
	if !c.allowQuery("page", "pageSize", "jobId", "jobExternalId", "updatedAtGte") {
		return
	}
	page, size, ok := c.pagination()
	if !ok {
		return
	}
	jobID, ok := c.intQuery("jobId", 0, 1, 0)
	if !ok {
		return
	}
	extID, byExtID := c.query["jobExternalId"]
	var since time.Time
	if raw, has := c.query["updatedAtGte"]; has {
		t, err := time.Parse(time.RFC3339, raw[0])
		if err != nil {
			c.invalid(fmt.Sprintf("Query parameter updatedAtGte must be an RFC 3339 date-time such as 2026-07-01T10:00:00Z, got %q (encode '+' as %%2B)", raw[0]))
			return
		}
		since = t
	}

	st := c.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	var apps []*Application
	for _, a := range st.applications {
		if jobID != 0 && a.JobID != joinclient.ID(jobID) {
			continue
		}
		if byExtID {
			j := st.jobs[a.JobID]
			if j == nil || j.ExternalID == "" || j.ExternalID != extID[0] {
				continue
			}
		}
		if !since.IsZero() && a.LastUpdatedAt.Before(since) {
			continue
		}
		apps = append(apps, a)
	}
	// Newest first, as the polling client [JC] relies on.
	slices.SortFunc(apps, func(x, y *Application) int {
		if c := y.CreatedAt.Compare(x.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(y.ID, x.ID)
	})
	apps = paginate(apps, page, size)
	out := make([]applicationJSON, 0, len(apps))
	for _, a := range apps {
		out = append(out, c.applicationJSON(a))
	}
	c.json(http.StatusOK, out)
}

func handleGetApplication(c *call) {
	if !c.allowQuery() {
		return
	}
	st := c.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	a := found(c, st.applications, "applicationId", "Application")
	if a == nil {
		return
	}
	c.json(http.StatusOK, c.applicationJSON(a))
}

// DELETE answers 204 without a body; the application's files go with it,
// the candidate and their notes stay.
func handleDeleteApplication(c *call) {
	if !c.allowQuery() || !c.noBody() {
		return
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	a := found(c, st.applications, "applicationId", "Application")
	if a == nil {
		return
	}
	for _, id := range a.AttachmentIDs {
		delete(st.files, id)
	}
	delete(st.applications, a.ID)
	c.noContent()
}

type tagsInput struct {
	Tags *[]string `json:"tags"`
}

// Tags are replaced as a whole: our decision, since whether JOIN adds or
// replaces is unknown and replace-all is the safer reading for a client.
func handleUpdateApplicationTags(c *call) {
	var in tagsInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if in.Tags == nil {
		c.invalid("Field \"tags\" is required (send [] to remove all tags)")
		return
	}
	tags := []string{}
	for i, t := range *in.Tags {
		t = strings.TrimSpace(t)
		if t == "" || len([]rune(t)) > 100 {
			c.invalid(fmt.Sprintf("tags[%d] must be between 1 and 100 characters", i))
			return
		}
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	c.updateApplication(func(a *Application) { a.Tags = tags })
}

type integrationInput struct {
	ExternalID *string `json:"externalId"`
}

// integrationData sets what the create request calls integrationExternalId;
// an empty string clears it.
func handleUpdateApplicationIntegration(c *call) {
	var in integrationInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if in.ExternalID == nil {
		c.invalid("Field \"externalId\" is required (send \"\" to clear it)")
		return
	}
	v := strings.TrimSpace(*in.ExternalID)
	if len(v) > 255 {
		c.invalid("externalId must be at most 255 characters")
		return
	}
	c.updateApplication(func(a *Application) { a.IntegrationExternalID = v })
}

func (c *call) updateApplication(change func(*Application)) {
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	a := found(c, st.applications, "applicationId", "Application")
	if a == nil {
		return
	}
	change(a)
	a.LastUpdatedAt = st.clock()
	c.idResponse(http.StatusOK, a.ID)
}

type candidateInput struct {
	FirstName *string `json:"firstName"`
	LastName  *string `json:"lastName"`
	Email     *string `json:"email"`
	Phone     *string `json:"phone"`
}

type documentInput struct {
	Type *string `json:"type"`
	Name *string `json:"name"`
	Data *string `json:"data"`
}

type applicationInput struct {
	JobID                 *int64          `json:"jobId"`
	Candidate             *candidateInput `json:"candidate"`
	Source                *string         `json:"source"`
	IntegrationExternalID *string         `json:"integrationExternalId"`
	Documents             []documentInput `json:"documents"`
}

const maxDocumentBytes = 10 << 20

// sourceProducts is how an API-given source shows up as source.product.
var sourceProducts = map[string]string{
	"ORGANIC":              "Career page",
	"REFERRALS":            "Referral",
	"JOB_BOARDS":           "Job board",
	"SOCIAL_MEDIA":         "Social media",
	"AGENCY":               "Agency",
	"SOURCING_TOOLS":       "Sourcing tool",
	"EVENTS":               "Event",
	"INTERNAL_APPLICATION": "Internal application",
	"OTHER":                "Other",
}

type decodedDocument struct {
	typ, name string
	data      []byte
}

func handleCreateApplication(c *call) {
	var in applicationInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if msg := firstMissing(field{"jobId", in.JobID == nil}, field{"candidate", in.Candidate == nil}); msg != "" {
		c.invalid(msg)
		return
	}
	cand := in.Candidate
	if msg := firstMissing(
		field{"candidate.firstName", cand.FirstName == nil},
		field{"candidate.lastName", cand.LastName == nil},
		field{"candidate.email", cand.Email == nil},
	); msg != "" {
		c.invalid(msg)
		return
	}
	person := Candidate{}
	if msg := applyCandidateInput(&person, cand, "candidate."); msg != "" {
		c.invalid(msg)
		return
	}
	source := "ORGANIC"
	if in.Source != nil {
		if msg := enumProblem("source", *in.Source, joinclient.ApplicationSourceValues); msg != "" {
			c.invalid(msg)
			return
		}
		source = *in.Source
	}
	integrationID := ""
	if in.IntegrationExternalID != nil {
		integrationID = strings.TrimSpace(*in.IntegrationExternalID)
	}
	var docs []decodedDocument
	for i, d := range in.Documents {
		doc, msg := decodeDocument(i, d)
		if msg != "" {
			c.invalid(msg)
			return
		}
		docs = append(docs, doc)
	}

	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	jobID := joinclient.ID(*in.JobID)
	job := st.jobs[jobID]
	if job == nil {
		c.invalid(fmt.Sprintf("jobId %d is not a job of this company (see GET /jobs)", jobID))
		return
	}
	if job.Status == "ARCHIVED" {
		c.invalid(fmt.Sprintf("Job %d is ARCHIVED and does not accept applications", jobID))
		return
	}
	now := st.clock()
	existing := st.candidateByEmail(person.Email)
	if existing != nil {
		for _, a := range st.applications {
			if a.CandidateID == existing.ID && a.JobID == jobID {
				c.invalid(fmt.Sprintf("Application for candidate %s already exists for job %d", strings.TrimSpace(*cand.Email), jobID))
				return
			}
		}
	} else {
		person.ID = st.newID(kindCandidate)
		person.CreatedAt, person.LastUpdatedAt = now, now
		existing = &person
		st.candidates[person.ID] = existing
	}
	a := &Application{
		ID:                    st.newID(kindApplication),
		JobID:                 jobID,
		CandidateID:           existing.ID,
		CreatedAt:             now,
		LastUpdatedAt:         now,
		HiringState:           "APPLIED",
		Source:                source,
		SourceProduct:         sourceProducts[source],
		IntegrationExternalID: integrationID,
	}
	for _, d := range docs {
		f := &File{ID: st.newID(kindFile), ApplicationID: a.ID, Type: d.typ, Name: d.name, ContentType: contentTypeFor(d.name, d.data), Data: d.data, CreatedAt: now}
		st.files[f.ID] = f
		a.AttachmentIDs = append(a.AttachmentIDs, f.ID)
	}
	st.applications[a.ID] = a
	c.json(http.StatusCreated, map[string]joinclient.ID{"id": a.ID, "candidateId": existing.ID})
}

func decodeDocument(i int, d documentInput) (decodedDocument, string) {
	prefix := fmt.Sprintf("documents[%d]", i)
	if msg := firstMissing(field{prefix + ".type", d.Type == nil}, field{prefix + ".name", d.Name == nil}, field{prefix + ".data", d.Data == nil}); msg != "" {
		return decodedDocument{}, msg
	}
	if msg := enumProblem(prefix+".type", *d.Type, joinclient.DocumentTypeValues); msg != "" {
		return decodedDocument{}, msg
	}
	name := strings.TrimSpace(*d.Name)
	if name == "" || len(name) > 255 || strings.ContainsAny(name, "/\\") {
		return decodedDocument{}, prefix + ".name must be a file name of 1 to 255 characters without slashes"
	}
	data, err := base64.StdEncoding.DecodeString(*d.Data)
	if err != nil {
		return decodedDocument{}, fmt.Sprintf("%s.data must be standard base64: %v", prefix, err)
	}
	if len(data) == 0 {
		return decodedDocument{}, prefix + ".data must not be empty"
	}
	if len(data) > maxDocumentBytes {
		return decodedDocument{}, fmt.Sprintf("%s.data exceeds %d MB", prefix, maxDocumentBytes>>20)
	}
	return decodedDocument{typ: *d.Type, name: name, data: data}, ""
}

var contentTypes = map[string]string{
	".pdf":  "application/pdf",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".doc":  "application/msword",
	".txt":  "text/plain; charset=utf-8",
	".odt":  "application/vnd.oasis.opendocument.text",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
}

func contentTypeFor(name string, data []byte) string {
	if ct, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return ct
	}
	return http.DetectContentType(data)
}

// applyCandidateInput validates the given candidate fields and applies them;
// prefix names the fields in messages ("candidate." inside an application).
func applyCandidateInput(p *Candidate, in *candidateInput, prefix string) string {
	for _, f := range []struct {
		name string
		in   *string
		dst  *string
	}{{"firstName", in.FirstName, &p.FirstName}, {"lastName", in.LastName, &p.LastName}} {
		if f.in == nil {
			continue
		}
		v := strings.TrimSpace(*f.in)
		if v == "" || len([]rune(v)) > 100 {
			return fmt.Sprintf("%s%s must be between 1 and 100 characters", prefix, f.name)
		}
		*f.dst = v
	}
	if in.Email != nil {
		v := strings.TrimSpace(*in.Email)
		if !validEmail(v) {
			return fmt.Sprintf("%semail %q is not a valid e-mail address", prefix, *in.Email)
		}
		p.Email = v
	}
	if in.Phone != nil {
		v := strings.TrimSpace(*in.Phone)
		if v != "" && !validPhone(v) {
			return fmt.Sprintf("%sphone %q is not a valid phone number; use international format such as +49 30 1234567", prefix, *in.Phone)
		}
		p.Phone = v
	}
	return ""
}

func validPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ -()/.", r):
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 20
}
