package tools_test

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/tools"
)

// apiTools is every JOIN API v2 operation as a tool, by toolset.
var apiTools = map[string]string{
	"join_list_jobs":                           "jobs",
	"join_get_job":                             "jobs",
	"join_create_job":                          "jobs",
	"join_update_job":                          "jobs",
	"join_update_job_status":                   "jobs",
	"join_activate_job":                        "jobs",
	"join_archive_job":                         "jobs",
	"join_list_applications":                   "applications",
	"join_get_application":                     "applications",
	"join_create_application":                  "applications",
	"join_delete_application":                  "applications",
	"join_update_application_tags":             "applications",
	"join_update_application_integration_data": "applications",
	"join_list_categories":                     "lookups",
	"join_list_employment_types":               "lookups",
	"join_list_seniority_levels":               "lookups",
	"join_list_offices":                        "offices",
	"join_get_office":                          "offices",
	"join_create_office":                       "offices",
	"join_update_office":                       "offices",
	"join_list_candidate_notes":                "candidates",
	"join_create_candidate_note":               "candidates",
	"join_update_candidate_note":               "candidates",
	"join_delete_candidate_note":               "candidates",
	"join_update_candidate":                    "candidates",
	"join_get_attachment":                      "attachments",
	"join_get_application_file":                "attachments",
}

// taskTools do in one call what would take a model many API calls; they
// are read-only and live in the toolsets of the data they read.
var taskTools = map[string]string{
	"join_find_applications":          "applications",
	"join_pipeline_summary":           "applications",
	"join_read_application_documents": "attachments",
	"join_prepare_job":                "jobs",
}

// expectedTools is everything tools/list offers.
var expectedTools = func() map[string]string {
	all := map[string]string{}
	for k, v := range apiTools {
		all[k] = v
	}
	for k, v := range taskTools {
		all[k] = v
	}
	return all
}()

// readOnlyTools are the tools a --read-only server keeps.
var readOnlyTools = []string{
	"join_find_applications", "join_get_application", "join_get_application_file", "join_get_attachment",
	"join_get_job", "join_get_office", "join_list_applications", "join_list_candidate_notes",
	"join_list_categories", "join_list_employment_types", "join_list_jobs", "join_list_offices",
	"join_list_seniority_levels", "join_pipeline_summary", "join_prepare_job", "join_read_application_documents",
}

// gatedTools overwrite, delete or publish: they take confirm.
var gatedTools = []string{
	"join_activate_job", "join_archive_job", "join_create_job", "join_delete_application",
	"join_delete_candidate_note", "join_update_application_tags", "join_update_candidate",
	"join_update_candidate_note", "join_update_job", "join_update_job_status", "join_update_office",
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func names(e *env) []string {
	var out []string
	for _, tool := range e.listTools() {
		out = append(out, tool.Name)
	}
	return out
}

var toolNamePattern = regexp.MustCompile(`^join_[a-z_]+$`)

func TestAllTools_NamesAndOrder(t *testing.T) {
	e := newEnv(t, setup{})
	got := names(e)
	assert.Equal(t, sortedKeys(expectedTools), got, "tools/list must hold exactly the expected tools, sorted by name")
	assert.Len(t, apiTools, 27, "one tool per JOIN API v2 operation")
	for name := range apiTools {
		assert.Contains(t, got, name)
	}
	assert.True(t, slices.IsSorted(got), "tools/list must be sorted")
	assert.Equal(t, got, names(e), "tools/list must be deterministic")

	seen := map[string]bool{}
	for _, n := range got {
		assert.False(t, seen[n], "duplicate tool %s", n)
		seen[n] = true
		assert.Regexp(t, toolNamePattern, n)
		assert.LessOrEqual(t, len(n), 64, n)
	}
	// Both protocol eras list the same tools.
	assert.Equal(t, got, names(newEnv(t, setup{protocol: legacyProtocol})))
}

func TestAllTools_Annotations(t *testing.T) {
	e := newEnv(t, setup{})
	toolsets := map[string]string{}
	for _, tool := range e.tools {
		toolsets[tool.Def.Name] = tool.Toolset
	}
	for _, tool := range e.listTools() {
		t.Run(tool.Name, func(t *testing.T) {
			assert.Equal(t, expectedTools[tool.Name], toolsets[tool.Name], "toolset")
			assert.NotEmpty(t, tool.Title, "title")
			assert.NotEmpty(t, tool.Description, "description")
			a := tool.Annotations
			require.NotNil(t, a.ReadOnlyHint, "readOnlyHint")
			require.NotNil(t, a.DestructiveHint, "destructiveHint")
			require.NotNil(t, a.IdempotentHint, "idempotentHint")
			require.NotNil(t, a.OpenWorldHint, "openWorldHint")
			assert.True(t, *a.OpenWorldHint, "every tool talks to JOIN")
			if *a.ReadOnlyHint {
				assert.False(t, *a.DestructiveHint, "a read-only tool is not destructive")
			}
			assert.Equal(t, slices.Contains(readOnlyTools, tool.Name), *a.ReadOnlyHint, "readOnlyHint")
			if ts := toolsets[tool.Name]; ts == "lookups" || ts == "attachments" {
				assert.True(t, *a.ReadOnlyHint, "%s tools are read-only", ts)
			}
		})
	}
}

// TestAllTools_Schemas checks the schemas as they travel on the wire, which
// is what strict clients (the TypeScript SDK) validate.
func TestAllTools_Schemas(t *testing.T) {
	e := newEnv(t, setup{})
	for _, raw := range e.wireTools() {
		var def struct {
			Name         string         `json:"name"`
			Title        string         `json:"title"`
			InputSchema  map[string]any `json:"inputSchema"`
			OutputSchema map[string]any `json:"outputSchema"`
			Annotations  map[string]any `json:"annotations"`
		}
		require.NoError(t, json.Unmarshal(raw, &def))
		t.Run(def.Name, func(t *testing.T) {
			assert.NotEmpty(t, def.Title, "title on the wire")
			for _, hint := range []string{"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"} {
				assert.IsType(t, true, def.Annotations[hint], "%s must be sent", hint)
			}
			for kind, s := range map[string]map[string]any{"inputSchema": def.InputSchema, "outputSchema": def.OutputSchema} {
				require.NotNil(t, s, "%s missing", kind)
				assert.Equal(t, "object", s["type"], "%s root type", kind)
				for _, k := range []string{"oneOf", "anyOf", "allOf", "$ref", "not"} {
					assert.NotContains(t, s, k, "%s has top-level %s", kind, k)
				}
				assert.IsType(t, map[string]any{}, s["properties"], "%s properties", kind)
			}
			assert.Equal(t, false, def.InputSchema["additionalProperties"], "inputs reject unknown parameters")

			props := def.InputSchema["properties"].(map[string]any)
			confirm, hasConfirm := props["confirm"].(map[string]any)
			destructive, _ := def.Annotations["destructiveHint"].(bool)
			if destructive || def.Name == "join_create_job" {
				require.True(t, hasConfirm, "a destructive tool needs a confirm flag")
				assert.Equal(t, "boolean", confirm["type"])
				assert.NotEmpty(t, confirm["description"])
				assert.NotContains(t, def.InputSchema["required"], "confirm", "confirm must be optional: without it the tool previews")
			}
			assert.Equal(t, slices.Contains(gatedTools, def.Name), hasConfirm, "confirm exactly on the gated tools")
		})
	}
}

func TestAllTools_RegistryMatchesList(t *testing.T) {
	e := newEnv(t, setup{})
	for _, tool := range e.tools {
		assert.Equal(t, slices.Contains(gatedTools, tool.Def.Name), tool.Confirm, "%s: Tool.Confirm", tool.Def.Name)
		assert.Equal(t, slices.Contains(readOnlyTools, tool.Def.Name), tool.ReadOnly(), "%s: ReadOnly()", tool.Def.Name)
	}
}

// --- selection -------------------------------------------------------------

// allTools builds the registry once; Select never changes it.
var allTools = sync.OnceValue(func() []tools.Tool {
	return tools.All(tools.Deps{
		Client: func(context.Context) (*joinclient.Client, error) { return nil, nil },
		Logger: zerolog.Nop(),
	})
})

func selectedNames(t *testing.T, f tools.Filter) []string {
	t.Helper()
	sel, err := tools.Select(allTools(), f)
	require.NoError(t, err)
	var out []string
	for _, tool := range sel {
		out = append(out, tool.Def.Name)
	}
	return out
}

func TestSelect(t *testing.T) {
	all := sortedKeys(expectedTools)
	tests := []struct {
		name   string
		filter tools.Filter
		want   []string
	}{
		{"default is everything", tools.Filter{}, all},
		{"all", tools.Filter{Toolsets: []string{"all"}}, all},
		{"one toolset", tools.Filter{Toolsets: []string{"lookups"}}, []string{"join_list_categories", "join_list_employment_types", "join_list_seniority_levels"}},
		{"toolsets add up", tools.Filter{Toolsets: []string{"lookups", "attachments"}}, []string{"join_get_application_file", "join_get_attachment", "join_list_categories", "join_list_employment_types", "join_list_seniority_levels", "join_read_application_documents"}},
		{"tools alone give only those", tools.Filter{Tools: []string{"join_get_job", "join_list_offices"}}, []string{"join_get_job", "join_list_offices"}},
		{"tools add to toolsets", tools.Filter{Toolsets: []string{"lookups"}, Tools: []string{"join_get_job"}}, []string{"join_get_job", "join_list_categories", "join_list_employment_types", "join_list_seniority_levels"}},
		{"exclude", tools.Filter{Toolsets: []string{"lookups"}, Exclude: []string{"join_list_categories"}}, []string{"join_list_employment_types", "join_list_seniority_levels"}},
		{"exclude wins over tools", tools.Filter{Tools: []string{"join_get_job", "join_get_office"}, Exclude: []string{"join_get_job"}}, []string{"join_get_office"}},
		{"read-only", tools.Filter{ReadOnly: true}, readOnlyTools},
		{"read-only wins over tools", tools.Filter{Tools: []string{"join_delete_application", "join_get_job"}, ReadOnly: true}, []string{"join_get_job"}},
		{"read-only wins over toolsets", tools.Filter{Toolsets: []string{"offices"}, ReadOnly: true}, []string{"join_get_office", "join_list_offices"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, selectedNames(t, tc.filter))
		})
	}
}

func TestSelect_RejectsUnknownNames(t *testing.T) {
	_, err := tools.Select(allTools(), tools.Filter{Toolsets: []string{"jobs", "jbos"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"jbos"`)
	for _, ts := range tools.Toolsets {
		assert.Contains(t, err.Error(), ts, "the message lists the valid toolsets")
	}
	assert.ElementsMatch(t, []string{"jobs", "applications", "lookups", "offices", "candidates", "attachments"}, tools.Toolsets)

	for _, f := range []tools.Filter{
		{Tools: []string{"join_get_jobs"}},
		{Exclude: []string{"join_get_jobs"}},
	} {
		_, err := tools.Select(allTools(), f)
		require.Error(t, err)
		assert.Contains(t, err.Error(), `"join_get_jobs"`)
		for name := range expectedTools {
			assert.Contains(t, err.Error(), name, "the message lists the valid tools")
		}
	}
}

// TestServerFilters checks the filters through tools/list of a real server.
func TestServerFilters(t *testing.T) {
	t.Run("read-only", func(t *testing.T) {
		e := newEnv(t, setup{filter: tools.Filter{ReadOnly: true}})
		assert.Equal(t, readOnlyTools, names(e))
		for _, tool := range e.listTools() {
			require.NotNil(t, tool.Annotations.ReadOnlyHint)
			assert.True(t, *tool.Annotations.ReadOnlyHint, tool.Name)
		}
		// A hidden write tool cannot be called either.
		res, err := e.mcp.CallTool(context.Background(), callRequest("join_delete_application", `{"applicationId":70001,"confirm":true}`))
		if err == nil {
			assert.True(t, res.IsError, "a filtered-out tool must not run")
		}
		assert.Empty(t, e.writes())
	})
	t.Run("tools alone", func(t *testing.T) {
		e := newEnv(t, setup{filter: tools.Filter{Tools: []string{"join_list_jobs", "join_get_job"}}})
		assert.Equal(t, []string{"join_get_job", "join_list_jobs"}, names(e))
	})
	t.Run("exclude", func(t *testing.T) {
		e := newEnv(t, setup{filter: tools.Filter{Exclude: []string{"join_delete_application"}}})
		got := names(e)
		assert.Len(t, got, len(expectedTools)-1)
		assert.NotContains(t, got, "join_delete_application")
	})
	t.Run("read-only wins over tools", func(t *testing.T) {
		e := newEnv(t, setup{filter: tools.Filter{Tools: []string{"join_get_job", "join_update_job"}, ReadOnly: true}})
		assert.Equal(t, []string{"join_get_job"}, names(e))
	})
	t.Run("unknown names stop the start", func(t *testing.T) {
		_, _, err := mcpserver.New(mcpserver.Config{Version: "test", Filter: tools.Filter{Toolsets: []string{"nope"}}, Deps: tools.Deps{Logger: zerolog.Nop()}})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "jobs, applications, lookups, offices, candidates, attachments")
	})
}
