package joinclient

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestID_UnmarshalJSON(t *testing.T) {
	tests := []struct {
		in   string
		want ID
	}{
		{`12`, 12},
		{`"12"`, 12},
		{` 987654 `, 987654},
		{`null`, 0},
		{`""`, 0},
		{`12.0`, 12},
		{`"9007199254740993"`, 9007199254740993}, // beyond float64 precision
	}
	for _, tt := range tests {
		var id ID
		require.NoError(t, json.Unmarshal([]byte(tt.in), &id), tt.in)
		assert.Equal(t, tt.want, id, tt.in)
	}
	for _, bad := range []string{`12.5`, `"abc"`, `true`, `{}`, `[1]`, `"12x"`} {
		var id ID
		assert.Error(t, json.Unmarshal([]byte(bad), &id), bad)
	}

	// null inside an object leaves the field zero, and a numeric id encodes as a number.
	var j Job
	require.NoError(t, json.Unmarshal([]byte(`{"id":"5","seniorityId":null,"categoryId":"12"}`), &j))
	assert.Equal(t, ID(5), j.ID)
	assert.Equal(t, ID(0), j.SeniorityID)
	assert.Equal(t, ID(12), j.CategoryID)
	out, err := json.Marshal(j)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":5,"categoryId":12}`, string(out))
	assert.Equal(t, "42", ID(42).String())
}

func TestTags_UnmarshalJSON(t *testing.T) {
	tests := []struct {
		in   string
		want Tags
	}{
		{`["a","b"]`, Tags{"a", "b"}},
		{`[{"name":"a"},{"id":2,"name":"b"}]`, Tags{"a", "b"}},
		{`["a",{"name":"b"}]`, Tags{"a", "b"}},
		{`[]`, Tags{}},
	}
	for _, tt := range tests {
		var tags Tags
		require.NoError(t, json.Unmarshal([]byte(tt.in), &tags), tt.in)
		assert.Equal(t, tt.want, tags, tt.in)
	}
	var tags Tags
	assert.Error(t, json.Unmarshal([]byte(`"a"`), &tags))
	assert.Error(t, json.Unmarshal([]byte(`[1]`), &tags))

	// Inside an application; always written back as strings.
	var a Application
	require.NoError(t, json.Unmarshal([]byte(`{"id":1,"tags":[{"name":"senior"}]}`), &a))
	assert.Equal(t, Tags{"senior"}, a.Tags)
	out, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":1,"tags":["senior"]}`, string(out))
	require.NoError(t, json.Unmarshal([]byte(`{"id":1,"tags":null}`), &a))
}

// A job as JOIN's GET /jobs/{id} returns it (spec 3.1), plus fields we do
// not model. It contains no null or zero values, so it must survive a round
// trip unchanged.
const jobJSON = `{
	"id": 4711,
	"title": "Senior Backend Engineer (m/w/d)",
	"description": "<p>We build <b>Go</b> services.</p>",
	"status": "ONLINE",
	"createdAt": "2026-07-01T10:00:00Z",
	"lastUpdatedAt": "2026-07-02T08:30:00Z",
	"workplaceType": "REMOTE",
	"remoteType": "COUNTRY",
	"employmentTypeId": 2,
	"categoryId": 12,
	"seniorityId": 4,
	"language": "de",
	"externalId": "ats-4711",
	"office": {"id": 3, "name": "HQ", "streetName": "Hauptstr.", "streetNumber": "1", "postalCode": "10115",
		"city": "Berlin", "countryIso": "DE", "isDefault": true, "timezone": "Europe/Berlin"},
	"salary": {"from": 65000, "to": 80000.5, "currency": "EUR", "frequency": "PER_YEAR", "isShownOnJobAd": false},
	"contact": {"name": "Jo Smith", "email": "jo@example.com", "position": "CTO"},
	"cv": "REQUIRED",
	"coverLetter": "OPTIONAL",
	"questions": [{"name": "Notice period?", "type": "TEXT", "options": ["1 month", "3 months"], "required": true}],
	"hiringTeam": [{"hiringTeamMember": "jo@example.com", "jobRole": "admin"}],
	"publicUrl": "https://join.com/companies/acme/4711",
	"openedAt": "2026-07-01T11:00:00Z",
	"stats": {"views": 120, "applications": [1, 2]}
}`

func TestJob_JSON(t *testing.T) {
	var j Job
	require.NoError(t, json.Unmarshal([]byte(jobJSON), &j))
	assert.Equal(t, ID(4711), j.ID)
	assert.Equal(t, "Senior Backend Engineer (m/w/d)", j.Title)
	assert.Equal(t, "ONLINE", j.Status)
	assert.Equal(t, "2026-07-02T08:30:00Z", j.LastUpdatedAt)
	assert.Equal(t, "REMOTE", j.WorkplaceType)
	assert.Equal(t, "COUNTRY", j.RemoteType)
	assert.Equal(t, ID(2), j.EmploymentTypeID)
	assert.Equal(t, ID(12), j.CategoryID)
	assert.Equal(t, ID(4), j.SeniorityID)
	assert.Equal(t, "de", j.Language)
	assert.Equal(t, "ats-4711", j.ExternalID)
	require.NotNil(t, j.Office)
	assert.Equal(t, ID(3), j.Office.ID)
	assert.True(t, j.Office.IsDefault)
	assert.Equal(t, Extra{"timezone": json.RawMessage(`"Europe/Berlin"`)}, j.Office.Extra)
	require.NotNil(t, j.Salary)
	assert.Equal(t, 65000.0, *j.Salary.From)
	assert.Equal(t, 80000.5, *j.Salary.To)
	assert.Equal(t, "PER_YEAR", j.Salary.Frequency)
	require.NotNil(t, j.Salary.IsShownOnJobAd)
	assert.False(t, *j.Salary.IsShownOnJobAd)
	assert.Equal(t, &Contact{Name: "Jo Smith", Email: "jo@example.com", Position: "CTO"}, j.Contact)
	assert.Equal(t, "REQUIRED", j.CV)
	assert.Equal(t, []Question{{Name: "Notice period?", Type: "TEXT", Options: []string{"1 month", "3 months"}, Required: true}}, j.Questions)
	assert.Equal(t, []HiringTeamMember{{HiringTeamMember: "jo@example.com", JobRole: "admin"}}, j.HiringTeam)

	// Unknown fields are kept, known ones are not duplicated there.
	require.Len(t, j.Extra, 3)
	assert.JSONEq(t, `"https://join.com/companies/acme/4711"`, string(j.Extra["publicUrl"]))
	assert.JSONEq(t, `{"views": 120, "applications": [1, 2]}`, string(j.Extra["stats"]))
	assert.NotContains(t, j.Extra, "title")

	out, err := json.Marshal(j)
	require.NoError(t, err)
	assert.JSONEq(t, jobJSON, string(out), "round trip")
	// Through a pointer as well (how tools hand results on).
	out, err = json.Marshal(&j)
	require.NoError(t, err)
	assert.JSONEq(t, jobJSON, string(out))
}

func TestJob_JSON_nullsAndStrings(t *testing.T) {
	var j Job
	require.NoError(t, json.Unmarshal([]byte(`{"id": "4711", "title": "T", "remoteType": null, "seniorityId": null,
		"salary": null, "office": {"id": "3", "city": "Berlin"}, "employmentTypeId": "2"}`), &j))
	assert.Equal(t, ID(4711), j.ID)
	assert.Empty(t, j.RemoteType)
	assert.Zero(t, j.SeniorityID)
	assert.Nil(t, j.Salary)
	assert.Equal(t, ID(3), j.Office.ID)
	assert.Equal(t, ID(2), j.EmploymentTypeID)
	assert.Nil(t, j.Extra)

	assert.Error(t, json.Unmarshal([]byte(`{"id": "x"}`), &j), "a non-numeric id is an error")
	assert.Error(t, json.Unmarshal([]byte(`[]`), &j))
}

// An application as [HF] describes it (spec 3.5), with unknown fields at
// several levels.
const applicationJSON = `{
	"id": 987654,
	"createdAt": "2026-07-01T10:00:00Z",
	"lastUpdatedAt": "2026-07-03T12:00:00Z",
	"hiringState": "APPLIED",
	"candidate": {"id": 55, "firstName": "Jane", "lastName": "Doe", "email": "jane@example.com",
		"phoneNumber": "+49301234", "location": {"city": "Hamburg"}},
	"job": {"id": 4711, "title": "Senior Backend Engineer", "externalId": "ats-4711"},
	"attachments": [
		{"id": 1, "type": "CV", "name": "cv.pdf", "url": "https://files.join.com/a/1?sig=abc", "size": 1234},
		{"type": "JOIN_CV", "url": "https://files.join.com/a/2?sig=def"}
	],
	"source": {"product": "indeed (Limited)", "isPremium": true},
	"tags": ["senior", "go"],
	"integrationExternalId": "crm-42",
	"salaryExpectation": {"amount": 70000, "currency": "EUR"},
	"customFields": [{"question": "Notice?", "answer": "3 months"}]
}`

func TestApplication_JSON(t *testing.T) {
	var a Application
	require.NoError(t, json.Unmarshal([]byte(applicationJSON), &a))
	assert.Equal(t, ID(987654), a.ID)
	assert.Equal(t, "APPLIED", a.HiringState)
	require.NotNil(t, a.Candidate)
	assert.Equal(t, ID(55), a.Candidate.ID)
	assert.Equal(t, "+49301234", a.Candidate.PhoneNumber)
	assert.JSONEq(t, `{"city": "Hamburg"}`, string(a.Candidate.Extra["location"]))
	assert.Equal(t, &ApplicationJob{ID: 4711, Title: "Senior Backend Engineer", ExternalID: "ats-4711"}, a.Job)
	require.Len(t, a.Attachments, 2)
	assert.Equal(t, ID(1), a.Attachments[0].ID)
	assert.Equal(t, "cv.pdf", a.Attachments[0].Name)
	assert.JSONEq(t, `1234`, string(a.Attachments[0].Extra["size"]))
	assert.Equal(t, "JOIN_CV", a.Attachments[1].Type)
	assert.Equal(t, &ApplicationSource{Product: "indeed (Limited)", IsPremium: true}, a.Source)
	assert.Equal(t, Tags{"senior", "go"}, a.Tags)
	assert.Equal(t, "crm-42", a.IntegrationExternalID)
	assert.Len(t, a.Extra, 2)

	out, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, applicationJSON, string(out), "round trip")
}

func TestApplication_JSON_stringIDs(t *testing.T) {
	var a Application
	require.NoError(t, json.Unmarshal([]byte(`{"id": "987654", "candidate": {"id": "55", "email": "j@x.de"},
		"job": {"id": "4711"}, "attachments": [{"id": null, "type": "CV"}], "tags": [{"name": "a"}]}`), &a))
	assert.Equal(t, ID(987654), a.ID)
	assert.Equal(t, ID(55), a.Candidate.ID)
	assert.Equal(t, ID(4711), a.Job.ID)
	assert.Zero(t, a.Attachments[0].ID)
	assert.Equal(t, Tags{"a"}, a.Tags)
}

func TestLookupModels_JSON(t *testing.T) {
	const categories = `[{"id": 1, "name": "IT", "slug": "it", "icon": "laptop",
		"subCategories": [{"id": "12", "name": "IT", "slug": "it-general", "popular": true}, {"id": 13, "name": "DevOps"}]}]`
	var cats []Category
	require.NoError(t, json.Unmarshal([]byte(categories), &cats))
	require.Len(t, cats, 1)
	assert.Equal(t, "it", cats[0].Slug)
	assert.Equal(t, Extra{"icon": json.RawMessage(`"laptop"`)}, cats[0].Extra)
	require.Len(t, cats[0].SubCategories, 2)
	assert.Equal(t, ID(12), cats[0].SubCategories[0].ID)
	assert.Equal(t, Extra{"popular": json.RawMessage(`true`)}, cats[0].SubCategories[0].Extra)
	assert.Equal(t, SubCategory{ID: 13, Name: "DevOps"}, cats[0].SubCategories[1])
	out, err := json.Marshal(cats)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"id": 1, "name": "IT", "slug": "it", "icon": "laptop",
		"subCategories": [{"id": 12, "name": "IT", "slug": "it-general", "popular": true}, {"id": 13, "name": "DevOps"}]}]`, string(out))

	var et []EmploymentType
	require.NoError(t, json.Unmarshal([]byte(`[{"id": 2, "name": "Full-time", "slug": "full-time", "hours": 40}]`), &et))
	assert.Equal(t, []EmploymentType{{ID: 2, Name: "Full-time", Slug: "full-time", Extra: Extra{"hours": json.RawMessage(`40`)}}}, et)
	out, err = json.Marshal(et)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"id": 2, "name": "Full-time", "slug": "full-time", "hours": 40}]`, string(out))

	var sl []SeniorityLevel
	require.NoError(t, json.Unmarshal([]byte(`[{"id": "4", "name": "Junior", "order": 1}]`), &sl))
	assert.Equal(t, []SeniorityLevel{{ID: 4, Name: "Junior", Extra: Extra{"order": json.RawMessage(`1`)}}}, sl)
	out, err = json.Marshal(sl)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"id": 4, "name": "Junior", "order": 1}]`, string(out))
}

func TestOffice_JSON(t *testing.T) {
	const in = `{"id": 3, "name": "HQ", "city": "Berlin", "countryIso": "de", "isDefault": true, "lat": 52.5}`
	var o Office
	require.NoError(t, json.Unmarshal([]byte(in), &o))
	assert.Equal(t, Office{ID: 3, Name: "HQ", City: "Berlin", CountryISO: "de", IsDefault: true,
		Extra: Extra{"lat": json.RawMessage(`52.5`)}}, o)
	out, err := json.Marshal(o)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

func TestNote_JSON(t *testing.T) {
	const in = `{"id": 2, "content": "Called", "createdAt": "2026-07-01T10:00:00Z",
		"lastUpdatedAt": "2026-07-01T11:00:00Z", "author": {"email": "jo@example.com"}}`
	var n Note
	require.NoError(t, json.Unmarshal([]byte(in), &n))
	assert.Equal(t, ID(2), n.ID)
	assert.Equal(t, "Called", n.Content)
	assert.Equal(t, "2026-07-01T11:00:00Z", n.LastUpdatedAt)
	out, err := json.Marshal(n)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

func TestIDResponse_JSON(t *testing.T) {
	var r IDResponse
	require.NoError(t, json.Unmarshal([]byte(`{"id": 1001, "candidateId": "55", "status": "created"}`), &r))
	assert.Equal(t, IDResponse{ID: 1001, CandidateID: 55, Extra: Extra{"status": json.RawMessage(`"created"`)}}, r)
	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id": 1001, "candidateId": 55, "status": "created"}`, string(out))

	r = IDResponse{}
	require.NoError(t, json.Unmarshal([]byte(`{}`), &r))
	assert.Equal(t, IDResponse{}, r)
}

// Extra never overrides a modelled field when written back.
func TestExtra_doesNotOverrideKnownFields(t *testing.T) {
	o := Office{ID: 3, City: "Berlin", Extra: Extra{"city": json.RawMessage(`"Hamburg"`), "x": json.RawMessage(`1`)}}
	out, err := json.Marshal(o)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id": 3, "city": "Berlin", "x": 1}`, string(out))
}
