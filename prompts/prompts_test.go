package prompts_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/prompts"
	"github.com/join-mcp/join-mcp/tools"
)

// legacyProtocol is the last revision with initialize; the default client
// speaks the 2026-07-28 stateless core.
const legacyProtocol = "2025-11-25"

var eras = []string{"", legacyProtocol}

func eraName(p string) string {
	if p == "" {
		return "2026-07-28"
	}
	return p
}

// newClient assembles the real server (prompts need no JOIN) and connects
// an in-process MCP client speaking protocol ("" for the default).
func newClient(t *testing.T, protocol string) *client.Client {
	t.Helper()
	srv, err := mcpserver.NewServer(mcpserver.Config{Version: "test", Deps: tools.Deps{
		Client: func(context.Context) (*joinclient.Client, error) {
			return nil, errors.New("prompt tests have no JOIN")
		},
		Logger: zerolog.Nop(),
	}})
	require.NoError(t, err)
	var opts []client.ClientOption
	if protocol != "" {
		opts = append(opts, client.WithProtocolVersion(protocol))
	}
	c, err := client.NewInProcessClientWithOptions(srv.MCP, opts...)
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, c.Start(ctx))
	t.Cleanup(func() { _ = c.Close() })
	init := mcp.InitializeRequest{}
	init.Params.ClientInfo = mcp.Implementation{Name: "prompts-test", Version: "test"}
	res, err := c.Initialize(ctx, init)
	require.NoError(t, err)
	if protocol != "" {
		require.Equal(t, protocol, res.ProtocolVersion)
	} else {
		require.True(t, mcp.IsModernProtocol(c.ProtocolVersion()), "got %s", c.ProtocolVersion())
	}
	return c
}

func getPrompt(t *testing.T, c *client.Client, name string, args map[string]string) (*mcp.GetPromptResult, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req := mcp.GetPromptRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	return c.GetPrompt(ctx, req)
}

// render gets a prompt that must succeed and returns its one user message.
func render(t *testing.T, c *client.Client, name string, args map[string]string) string {
	t.Helper()
	res, err := getPrompt(t, c, name, args)
	require.NoError(t, err, "prompts/get %s %v", name, args)
	require.Len(t, res.Messages, 1)
	assert.Equal(t, mcp.RoleUser, res.Messages[0].Role)
	text, ok := mcp.AsTextContent(res.Messages[0].Content)
	require.True(t, ok, "prompt message must be text")
	require.NotEmpty(t, text.Text)
	p, _ := prompts.Find(name)
	assert.Equal(t, p.Title, res.Description)
	return text.Text
}

type wantArg struct {
	name     string
	required bool
}

var wantPrompts = []struct {
	name, title string
	args        []wantArg
	// tools the prompt must name; writes are the write tools among them
	tools  []string
	writes bool
}{
	{"screen_applications", "Screen applications", []wantArg{{"jobId", true}, {"criteria", false}},
		[]string{"join_get_job", "join_find_applications", "join_read_application_documents", "join_list_candidate_notes", "join_create_candidate_note", "join_update_application_tags"}, true},
	{"draft_job_ad", "Draft a job ad", []wantArg{{"title", true}, {"city", false}, {"employmentType", false}, {"seniority", false}, {"language", false}},
		[]string{"join_prepare_job", "join_create_office", "join_create_job", "join_update_job_status"}, true},
	{"pipeline_report", "Pipeline report", []wantArg{{"since", false}},
		[]string{"join_pipeline_summary", "join_list_jobs", "join_find_applications"}, false},
	{"candidate_brief", "Candidate brief", []wantArg{{"applicationId", true}},
		[]string{"join_get_application", "join_get_job", "join_read_application_documents", "join_list_candidate_notes"}, false},
	{"follow_up_note", "Follow-up note", []wantArg{{"applicationId", true}, {"outcome", true}},
		[]string{"join_get_application", "join_list_candidate_notes", "join_create_candidate_note"}, true},
}

// fullArgs and requiredArgs are valid argument sets for every prompt.
var fullArgs = map[string]map[string]string{
	"screen_applications": {"jobId": "3001", "criteria": "Go and Kubernetes, based in the EU"},
	"draft_job_ad":        {"title": "Junior Product Designer", "city": "Hamburg", "employmentType": "Full-time", "seniority": "Entry level", "language": "de"},
	"pipeline_report":     {"since": "2026-07-01T00:00:00Z"},
	"candidate_brief":     {"applicationId": "70125"},
	"follow_up_note":      {"applicationId": "70125", "outcome": "invite to interview"},
}

var requiredArgs = map[string]map[string]string{
	"screen_applications": {"jobId": "3001"},
	"draft_job_ad":        {"title": "Junior Product Designer"},
	"pipeline_report":     {},
	"candidate_brief":     {"applicationId": "70125"},
	"follow_up_note":      {"applicationId": "70125", "outcome": "invite to interview"},
}

func TestPromptsList(t *testing.T) {
	for _, era := range eras {
		t.Run(eraName(era), func(t *testing.T) {
			c := newClient(t, era)
			res, err := c.ListPrompts(context.Background(), mcp.ListPromptsRequest{})
			require.NoError(t, err)
			require.Len(t, res.Prompts, len(wantPrompts))
			byName := map[string]mcp.Prompt{}
			for _, p := range res.Prompts {
				byName[p.Name] = p
			}
			for _, want := range wantPrompts {
				p, ok := byName[want.name]
				require.True(t, ok, "prompt %s missing", want.name)
				assert.Equal(t, want.title, p.Title, want.name)
				assert.NotEmpty(t, p.Description, want.name)
				require.Len(t, p.Arguments, len(want.args), want.name)
				for i, a := range want.args {
					assert.Equal(t, a.name, p.Arguments[i].Name, want.name)
					assert.Equal(t, a.required, p.Arguments[i].Required, "%s.%s required", want.name, a.name)
					assert.NotEmpty(t, p.Arguments[i].Description, "%s.%s description", want.name, a.name)
				}
			}
		})
	}
}

// TestPromptsRender renders every prompt with all and with only the
// required arguments and checks the tools it names and its write rules.
func TestPromptsRender(t *testing.T) {
	c := newClient(t, "")
	all := tools.All(tools.Deps{})
	toolNames := map[string]tools.Tool{}
	for _, tool := range all {
		toolNames[tool.Def.Name] = tool
	}
	toolRef := regexp.MustCompile(`join_[a-z_]+`)
	for _, want := range wantPrompts {
		for set, args := range map[string]map[string]string{"all": fullArgs[want.name], "required": requiredArgs[want.name]} {
			t.Run(want.name+"/"+set, func(t *testing.T) {
				text := render(t, c, want.name, args)
				assert.NotContains(t, text, "<no value>", "template left a hole")
				assert.NotContains(t, text, "{{")
				for _, name := range want.tools {
					assert.Contains(t, text, "`"+name+"`", "the prompt must name %s", name)
				}
				// Every tool a prompt names exists, so a renamed tool cannot
				// leave a prompt pointing nowhere.
				var writeTools []string
				for _, ref := range toolRef.FindAllString(text, -1) {
					tool, ok := toolNames[ref]
					if assert.True(t, ok, "prompt names unknown tool %s", ref) && !tool.ReadOnly() {
						writeTools = append(writeTools, ref)
					}
				}
				if want.writes {
					require.NotEmpty(t, writeTools)
					assert.Contains(t, text, "confirm: true", "a prompt that can write must mention the confirm flag")
					assert.Regexp(t, `(?i)consent|agree`, text, "a prompt that can write must ask for the user's consent")
				} else {
					assert.Empty(t, writeTools, "a read-only prompt must not name write tools")
					assert.Regexp(t, `(?i)write nothing|do not change anything`, text)
				}
				for _, v := range args {
					if v != "" && !strings.Contains(v, "T00:00:00Z") {
						assert.Contains(t, text, v, "argument value must appear in the prompt")
					}
				}
			})
		}
	}
}

func TestPromptsOptionalParts(t *testing.T) {
	c := newClient(t, "")

	t.Run("screen_applications criteria", func(t *testing.T) {
		with := render(t, c, "screen_applications", fullArgs["screen_applications"])
		assert.Contains(t, with, "JOIN job 3001, with these criteria from the user: Go and Kubernetes, based in the EU.")
		assert.Contains(t, with, "and the criteria above")
		without := render(t, c, "screen_applications", requiredArgs["screen_applications"])
		assert.Contains(t, without, "JOIN job 3001.")
		assert.NotContains(t, without, "criteria")
	})

	t.Run("draft_job_ad details", func(t *testing.T) {
		with := render(t, c, "draft_job_ad", fullArgs["draft_job_ad"])
		assert.Contains(t, with, `"Junior Product Designer" in Hamburg (Full-time), seniority Entry level, written in de.`)
		assert.Contains(t, with, `title "Junior Product Designer", city "Hamburg", employmentType "Full-time", seniority "Entry level", language "de"`)
		without := render(t, c, "draft_job_ad", requiredArgs["draft_job_ad"])
		assert.Contains(t, without, `"Junior Product Designer", written in English (en).`)
		assert.Contains(t, without, `title "Junior Product Designer" and the category`)
		for _, gone := range []string{"city", "employmentType \"", "seniority \"", "language \""} {
			assert.NotContains(t, without, gone)
		}
	})

	t.Run("pipeline_report since", func(t *testing.T) {
		with := render(t, c, "pipeline_report", map[string]string{"since": "2026-01-31"})
		assert.Contains(t, with, "changes since 2026-01-31T00:00:00Z", "a date becomes RFC 3339")
		assert.Contains(t, with, `since "2026-01-31T00:00:00Z"`)
		assert.Contains(t, with, `updatedAfter "2026-01-31T00:00:00Z"`)
		assert.NotContains(t, with, "last 7 days")
		without := render(t, c, "pipeline_report", nil)
		assert.Contains(t, without, "for the last 7 days")
		assert.Contains(t, without, "since set to 7 days before now")
		rfc := render(t, c, "pipeline_report", map[string]string{"since": "2026-07-01T08:30:00+02:00"})
		assert.Contains(t, rfc, "since 2026-07-01T08:30:00+02:00", "an RFC 3339 time is kept as given")
	})

	t.Run("ids from completion labels", func(t *testing.T) {
		text := render(t, c, "screen_applications", map[string]string{"jobId": "3001: Backend Engineer (Go)"})
		assert.Contains(t, text, "JOIN job 3001.")
		assert.Contains(t, text, "(jobId 3001)")
		assert.NotContains(t, text, "Backend Engineer", "only the id is used")
		brief := render(t, c, "candidate_brief", map[string]string{"applicationId": " 70125: Moritz Große – Backend Engineer (Go)"})
		assert.Contains(t, brief, "(applicationId 70125)")
		assert.NotContains(t, brief, "Moritz")
	})

	t.Run("language is normalized", func(t *testing.T) {
		text := render(t, c, "draft_job_ad", map[string]string{"title": "Werkstudent Marketing", "language": " DE "})
		assert.Contains(t, text, `language "de"`)
	})
}

// TestPromptsInvalidArguments: a wrong argument is the caller's fault, so
// prompts/get answers invalid params (-32602) naming the argument, in both
// protocol eras.
func TestPromptsInvalidArguments(t *testing.T) {
	cases := []struct {
		name, prompt string
		args         map[string]string
		mention      []string
	}{
		{"missing required", "screen_applications", map[string]string{"criteria": "Go"}, []string{"jobId", "required"}},
		{"blank required", "follow_up_note", map[string]string{"applicationId": "70125", "outcome": "  "}, []string{"outcome", "required"}},
		{"no arguments", "candidate_brief", nil, []string{"applicationId", "required"}},
		{"unknown argument", "candidate_brief", map[string]string{"applicationId": "70125", "tone": "friendly"}, []string{"tone", "applicationId"}},
		{"non-numeric jobId", "screen_applications", map[string]string{"jobId": "backend"}, []string{"jobId", "backend", "join_list_jobs"}},
		{"zero jobId", "screen_applications", map[string]string{"jobId": "0"}, []string{"jobId"}},
		{"negative applicationId", "candidate_brief", map[string]string{"applicationId": "-5"}, []string{"applicationId", "join_list_applications"}},
		{"bad language", "draft_job_ad", map[string]string{"title": "Designer", "language": "german"}, []string{"language", "ISO 639-1"}},
		{"bad date", "pipeline_report", map[string]string{"since": "31.01.2026"}, []string{"since", "31.01.2026"}},
		{"bad month", "pipeline_report", map[string]string{"since": "2026-13-01"}, []string{"since"}},
	}
	for _, era := range eras {
		c := newClient(t, era)
		for _, tc := range cases {
			t.Run(eraName(era)+"/"+tc.name, func(t *testing.T) {
				_, err := getPrompt(t, c, tc.prompt, tc.args)
				require.Error(t, err)
				assert.ErrorIs(t, err, mcp.ErrInvalidParams, "want -32602, got %v", err)
				for _, m := range tc.mention {
					assert.Contains(t, err.Error(), m)
				}
				assert.Contains(t, err.Error(), tc.prompt, "the message names the prompt")
			})
		}
	}
}

func TestPromptsUnknownPrompt(t *testing.T) {
	c := newClient(t, "")
	_, err := getPrompt(t, c, "no_such_prompt", nil)
	require.Error(t, err)
}

// TestRenderDeterministic: the same arguments always give the same text or
// the same error, whatever Go's map order.
func TestRenderDeterministic(t *testing.T) {
	cases := []struct {
		prompt string
		args   map[string]string
	}{
		{"screen_applications", fullArgs["screen_applications"]},
		{"draft_job_ad", fullArgs["draft_job_ad"]},
		{"draft_job_ad", requiredArgs["draft_job_ad"]},
		{"pipeline_report", map[string]string{"since": "2026-01-31"}},
		{"pipeline_report", nil},
		{"candidate_brief", fullArgs["candidate_brief"]},
		{"follow_up_note", fullArgs["follow_up_note"]},
		// errors: several problems at once must always report the same one
		{"candidate_brief", map[string]string{"applicationId": "70125", "zeta": "1", "alpha": "2", "mid": "3", "beta": "4"}},
		{"draft_job_ad", map[string]string{"title": "x", "language": "xyz", "city": "Berlin", "extra": "1", "other": "2"}},
		{"follow_up_note", map[string]string{"x1": "1", "x2": "2", "x3": "3"}},
	}
	for _, tc := range cases {
		p, ok := prompts.Find(tc.prompt)
		require.True(t, ok)
		first, firstErr := p.Render(tc.args)
		for range 50 {
			again, err := p.Render(tc.args)
			assert.Equal(t, first, again, "%s %v", tc.prompt, tc.args)
			if firstErr == nil {
				assert.NoError(t, err)
			} else if assert.Error(t, err) {
				assert.Equal(t, firstErr.Error(), err.Error(), "%s %v: error must be stable", tc.prompt, tc.args)
			}
		}
	}
}

func TestAllAndFind(t *testing.T) {
	all := prompts.All()
	var names []string
	for _, p := range all {
		names = append(names, p.Name)
		found, ok := prompts.Find(p.Name)
		require.True(t, ok)
		assert.Equal(t, p.Title, found.Title)
		for _, a := range p.Arguments {
			assert.NotEmpty(t, a.Kind, "%s.%s has no kind", p.Name, a.Name)
		}
	}
	assert.Equal(t, []string{"screen_applications", "draft_job_ad", "pipeline_report", "candidate_brief", "follow_up_note"}, names)
	_, ok := prompts.Find("nope")
	assert.False(t, ok)
	assert.True(t, slices.Contains(prompts.Outcomes, "invite to interview"))
}
