package joinclient

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLookupsService_Categories(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/categories", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, url.Values{"language": {"de"}})
		writeJSON(w, http.StatusOK, `[{"id": 1, "name": "IT", "slug": "it",
			"subCategories": [{"id": 12, "name": "Softwareentwicklung", "slug": "software"}]}]`)
	})
	cats, _, err := f.client.Lookups.Categories(context.Background(), "de")
	require.NoError(t, err)
	assert.Equal(t, []Category{{ID: 1, Name: "IT", Slug: "it",
		SubCategories: []SubCategory{{ID: 12, Name: "Softwareentwicklung", Slug: "software"}}}}, cats)
}

func TestLookupsService_EmploymentTypes(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/employmentTypes", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		// No language means English.
		testQuery(t, r, url.Values{"language": {"en"}})
		writeJSON(w, http.StatusOK, `[{"id": 2, "name": "Full-time", "slug": "full-time"}, {"id": "3", "name": "Part-time"}]`)
	})
	types, _, err := f.client.Lookups.EmploymentTypes(context.Background(), "")
	require.NoError(t, err)
	assert.Equal(t, []EmploymentType{{ID: 2, Name: "Full-time", Slug: "full-time"}, {ID: 3, Name: "Part-time"}}, types)
}

func TestLookupsService_SeniorityLevels(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/seniorityLevels", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, url.Values{"language": {"fr"}})
		writeJSON(w, http.StatusOK, `[{"id": 4, "name": "Junior"}]`)
	})
	levels, _, err := f.client.Lookups.SeniorityLevels(context.Background(), "fr")
	require.NoError(t, err)
	assert.Equal(t, []SeniorityLevel{{ID: 4, Name: "Junior"}}, levels)
}
