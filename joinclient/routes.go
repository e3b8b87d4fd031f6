package joinclient

import (
	"fmt"
	"net/http"
	"strings"
)

// Confidence says how sure we are that a route's method and path are what JOIN
// serves. The official reference was not reachable when this table was written;
// see the README section "Unverified operations".
type Confidence string

const (
	Confirmed2 Confidence = "CONFIRMED-2" // seen in two or more independent sources
	ConfirmedV Confidence = "CONFIRMED-V" // one source that says it verified against docs.join.com
	Likely     Confidence = "LIKELY"      // one source that really calls the API
	Guessed    Confidence = "GUESSED"     // inferred from REST conventions; verify with a live token
)

// Operation names one JOIN API v2 operation.
type Operation string

// The 27 operations of the JOIN API v2.
const (
	OpListJobs                     Operation = "listJobs"
	OpCreateJob                    Operation = "createJob"
	OpGetJob                       Operation = "getJob"
	OpUpdateJob                    Operation = "updateJob"
	OpChangeJobStatus              Operation = "changeJobStatus"
	OpActivateJob                  Operation = "activateJob"
	OpArchiveJob                   Operation = "archiveJob"
	OpListApplications             Operation = "listApplications"
	OpCreateApplication            Operation = "createApplication"
	OpGetApplication               Operation = "getApplication"
	OpDeleteApplication            Operation = "deleteApplication"
	OpUpdateApplicationTags        Operation = "updateApplicationTags"
	OpUpdateApplicationIntegration Operation = "updateApplicationIntegrationData"
	OpListCategories               Operation = "listCategories"
	OpListEmploymentTypes          Operation = "listEmploymentTypes"
	OpListSeniorityLevels          Operation = "listSeniorityLevels"
	OpListOffices                  Operation = "listOffices"
	OpCreateOffice                 Operation = "createOffice"
	OpGetOffice                    Operation = "getOffice"
	OpUpdateOffice                 Operation = "updateOffice"
	OpCreateCandidateNote          Operation = "createCandidateNote"
	OpListCandidateNotes           Operation = "listCandidateNotes"
	OpUpdateCandidateNote          Operation = "updateCandidateNote"
	OpDeleteCandidateNote          Operation = "deleteCandidateNote"
	OpUpdateCandidate              Operation = "updateCandidate"
	OpGetAttachment                Operation = "getAttachment"
	OpGetApplicationFile           Operation = "getApplicationFile"
)

// Route is one row of the route table.
type Route struct {
	Op         Operation
	Method     string
	Path       string // with {placeholders}, relative to the base URL
	Confidence Confidence
	Deprecated bool
	Note       string
}

// Routes is the single place where JOIN methods and paths live. Correcting a
// guessed path is a one-line change here; jointest serves the same table.
var Routes = []Route{
	{OpListJobs, http.MethodGet, "/jobs", Confirmed2, false, ""},
	{OpCreateJob, http.MethodPost, "/jobs", Confirmed2, false, "creates ONLINE (multiposted) unless status OFFLINE is sent"},
	{OpGetJob, http.MethodGet, "/jobs/{jobId}", Confirmed2, false, ""},
	{OpUpdateJob, http.MethodPatch, "/jobs/{jobId}", Guessed, false, "existence confirmed, method guessed"},
	{OpChangeJobStatus, http.MethodPatch, "/jobs/{jobId}/changeStatus", ConfirmedV, false, ""},
	{OpActivateJob, http.MethodPatch, "/jobs/{jobId}/activate", Guessed, true, "use changeStatus ONLINE"},
	{OpArchiveJob, http.MethodPatch, "/jobs/{jobId}/archive", Guessed, true, "use changeStatus ARCHIVED"},
	{OpListApplications, http.MethodGet, "/applications", Confirmed2, false, ""},
	{OpCreateApplication, http.MethodPost, "/applications", Confirmed2, false, ""},
	{OpGetApplication, http.MethodGet, "/applications/{applicationId}", Confirmed2, false, ""},
	{OpDeleteApplication, http.MethodDelete, "/applications/{applicationId}", Guessed, false, ""},
	{OpUpdateApplicationTags, http.MethodPatch, "/applications/{applicationId}/tags", Guessed, false, "body {tags:[...]} treated as replace-all"},
	{OpUpdateApplicationIntegration, http.MethodPatch, "/applications/{applicationId}/integrationData", Guessed, false, "body field externalId guessed"},
	{OpListCategories, http.MethodGet, "/categories", Confirmed2, false, ""},
	{OpListEmploymentTypes, http.MethodGet, "/employmentTypes", Confirmed2, false, ""},
	{OpListSeniorityLevels, http.MethodGet, "/seniorityLevels", Likely, false, ""},
	{OpListOffices, http.MethodGet, "/offices", ConfirmedV, false, ""},
	{OpCreateOffice, http.MethodPost, "/offices", ConfirmedV, false, ""},
	{OpGetOffice, http.MethodGet, "/offices/{officeId}", Guessed, false, ""},
	{OpUpdateOffice, http.MethodPatch, "/offices/{officeId}", Guessed, false, ""},
	{OpCreateCandidateNote, http.MethodPost, "/candidates/{candidateId}/notes", Likely, false, ""},
	{OpListCandidateNotes, http.MethodGet, "/candidates/{candidateId}/notes", Guessed, false, ""},
	{OpUpdateCandidateNote, http.MethodPatch, "/candidates/{candidateId}/notes/{noteId}", Guessed, false, ""},
	{OpDeleteCandidateNote, http.MethodDelete, "/candidates/{candidateId}/notes/{noteId}", Guessed, false, ""},
	{OpUpdateCandidate, http.MethodPatch, "/candidates/{candidateId}", Guessed, false, ""},
	{OpGetAttachment, http.MethodGet, "/attachments/{attachmentId}", Guessed, false, "binary, redirect or JSON with a url: all handled"},
	{OpGetApplicationFile, http.MethodGet, "/applicationFiles/{fileId}", Guessed, false, "binary, redirect or JSON with a url: all handled"},
}

var routeByOp = func() map[Operation]Route {
	m := make(map[Operation]Route, len(Routes))
	for _, r := range Routes {
		if _, dup := m[r.Op]; dup {
			panic("joinclient: duplicate route " + string(r.Op))
		}
		m[r.Op] = r
	}
	return m
}()

// RouteFor returns the route of op. It panics on an unknown operation, which
// is a programming error caught by the tests.
func RouteFor(op Operation) Route {
	r, ok := routeByOp[op]
	if !ok {
		panic("joinclient: no route for " + string(op))
	}
	return r
}

// Expand fills the route's {placeholders} with ids, in order of appearance.
func (r Route) Expand(ids ...ID) string {
	path := r.Path
	for _, id := range ids {
		open := strings.IndexByte(path, '{')
		end := strings.IndexByte(path, '}')
		if open < 0 || end < open {
			panic(fmt.Sprintf("joinclient: too many ids for %s", r.Path))
		}
		path = path[:open] + id.String() + path[end+1:]
	}
	if strings.ContainsRune(path, '{') {
		panic(fmt.Sprintf("joinclient: missing ids for %s", r.Path))
	}
	return path
}
