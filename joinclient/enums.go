package joinclient

import (
	"fmt"
	"slices"
	"strings"
)

// Enumerations of the JOIN API v2 (spec section 2.10). Each has a Values list
// so schemas, validation and the fake share one source.

type JobStatus string

const (
	JobOnline   JobStatus = "ONLINE"
	JobOffline  JobStatus = "OFFLINE"
	JobArchived JobStatus = "ARCHIVED"
)

var JobStatusValues = []string{"ONLINE", "OFFLINE", "ARCHIVED"}

type WorkplaceType string

const (
	Onsite WorkplaceType = "ONSITE"
	Hybrid WorkplaceType = "HYBRID"
	Remote WorkplaceType = "REMOTE"
)

var WorkplaceTypeValues = []string{"ONSITE", "HYBRID", "REMOTE"}

// RemoteType only applies when the workplace type is REMOTE.
type RemoteType string

var RemoteTypeValues = []string{"ANYWHERE", "COUNTRY"}

// Requirement says whether the application form asks for a CV or cover letter.
type Requirement string

var RequirementValues = []string{"REQUIRED", "OPTIONAL", "OFF"}

var CurrencyValues = []string{"EUR", "CHF", "USD", "GBP"}

var SalaryFrequencyValues = []string{"PER_HOUR", "PER_DAY", "PER_WEEK", "PER_MONTH", "PER_YEAR"}

var ApplicationSourceValues = []string{"ORGANIC", "REFERRALS", "JOB_BOARDS", "SOCIAL_MEDIA", "AGENCY", "SOURCING_TOOLS", "EVENTS", "INTERNAL_APPLICATION", "OTHER"}

var DocumentTypeValues = []string{"CV", "COVER_LETTER", "PORTFOLIO", "CERTIFICATES", "OTHER", "REFERENCES", "TRANSCRIPT", "WORK_SAMPLES"}

// AttachmentTypeValues are the types seen on read; JOIN_CV is JOIN's own
// generated CV. The document types may appear too.
var AttachmentTypeValues = append([]string{"JOIN_CV"}, DocumentTypeValues...)

type HiringState string

var HiringStateValues = []string{"APPLIED", "ACTIVE", "OFFER", "HIRED", "REJECTED"}

// checkEnum reports a clear error naming the field when v is set but not one
// of allowed.
func checkEnum(field, v string, allowed []string) error {
	if v == "" || slices.Contains(allowed, v) {
		return nil
	}
	return &ArgError{Field: field, Problem: fmt.Sprintf("%q is not allowed; use one of %s", v, strings.Join(allowed, ", "))}
}
