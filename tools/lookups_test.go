package tools_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLookupTools(t *testing.T) {
	e := newEnv(t, setup{})
	tests := []struct {
		tool, args, path string
		language         string
		count            int
		firstName        string
	}{
		{"join_list_categories", `{}`, "/categories", "en", 6, "Software Development"},
		{"join_list_categories", `{"language":"de"}`, "/categories", "de", 6, "Softwareentwicklung"},
		{"join_list_employment_types", `{}`, "/employmentTypes", "en", 6, "Full-time"},
		{"join_list_employment_types", `{"language":"de"}`, "/employmentTypes", "de", 6, "Vollzeit"},
		{"join_list_seniority_levels", `{}`, "/seniorityLevels", "en", 5, "Student"},
		{"join_list_seniority_levels", `{"language":"de"}`, "/seniorityLevels", "de", 5, "Student"},
	}
	for _, tc := range tests {
		t.Run(tc.tool+" "+tc.language, func(t *testing.T) {
			e := e.in(t)
			e.fake.ResetRequests()
			sc := e.ok(tc.tool, tc.args)
			assert.Equal(t, []string{"GET " + tc.path + "?language=" + tc.language}, e.sent())
			assert.Equal(t, tc.language, sc["language"])
			list := items(t, sc)
			require.Len(t, list, tc.count)
			first := list[0].(map[string]any)
			assert.EqualValues(t, 1, first["id"])
			assert.Equal(t, tc.firstName, first["name"])
		})
	}

	t.Run("sub-categories", func(t *testing.T) {
		e := e.in(t)
		sc := e.ok("join_list_categories", `{}`)
		subs := items(t, sc)[0].(map[string]any)["subCategories"].([]any)
		require.NotEmpty(t, subs)
		assert.EqualValues(t, 101, subs[0].(map[string]any)["id"], "a job's categoryId is a sub-category id")
	})

	// The lookups have no ids; an upstream 404 (a wrong route) must still
	// come back as a tool error a model can act on. A fresh server each: the
	// lookup lists are cached.
	for _, tool := range []string{"join_list_categories", "join_list_employment_types", "join_list_seniority_levels"} {
		t.Run(tool+" 404", func(t *testing.T) {
			e := newEnv(t, setup{})
			e.fake.FailNext(1, http.StatusNotFound)
			msg := e.fails(tool, `{}`)
			assert.True(t, contains(msg, "JOIN found nothing", "404"), msg)
			assert.Len(t, e.sent(), 1, "a 404 is not retried")
		})
	}
}
