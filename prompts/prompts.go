// Package prompts holds the recruiting workflow prompts: Markdown templates
// embedded in the binary and registered with their arguments, so a common
// task ("screen the applications for the backend job") is one step for the
// user. Each prompt names the tools to use and reminds that writes need the
// user's consent.
package prompts

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/join-mcp/join-mcp/internal/rpcerr"
)

//go:embed templates/*.md
var files embed.FS

// Argument kinds decide validation and completion.
const (
	KindJobID         = "jobId"
	KindApplicationID = "applicationId"
	KindLanguage      = "language"
	KindCity          = "city"
	KindEmployment    = "employmentType"
	KindSeniority     = "seniority"
	KindDateTime      = "dateTime"
	KindOutcome       = "outcome"
	KindText          = "text"
)

// Argument is one prompt argument.
type Argument struct {
	Name, Description string
	Required          bool
	Kind              string
}

// Prompt is one workflow prompt.
type Prompt struct {
	Name, Title, Description string
	Arguments                []Argument
	tmpl                     *template.Template
}

// Outcomes offered for follow_up_note (free text is accepted too).
var Outcomes = []string{"invite to interview", "advance to next round", "on hold", "make an offer", "hired", "rejected after screening", "rejected after interview", "candidate withdrew"}

// All returns the prompts in a stable order.
func All() []Prompt {
	return []Prompt{
		define("screen_applications", "Screen applications", "Rank a job's recent applications against its requirements, reading CVs; proposes notes and tags, which are only written after you agree.",
			Argument{"jobId", "the job to screen, id from join_list_jobs", true, KindJobID},
			Argument{"criteria", "extra criteria, e.g. 'Go and Kubernetes, based in the EU'", false, KindText}),
		define("draft_job_ad", "Draft a job ad", "Create a job ad by chatting: resolves office, employment type and category, drafts the HTML, creates the job OFFLINE.",
			Argument{"title", "job title, e.g. Junior Product Designer", true, KindText},
			Argument{"city", "city or office, e.g. Berlin", false, KindCity},
			Argument{"employmentType", "e.g. Full-time", false, KindEmployment},
			Argument{"seniority", "e.g. Entry level", false, KindSeniority},
			Argument{"language", "language of the ad, ISO 639-1 (default en)", false, KindLanguage}),
		define("pipeline_report", "Pipeline report", "Per job and hiring state: what changed since a date (default: the last 7 days).",
			Argument{"since", "RFC 3339 time or date, e.g. 2026-01-31", false, KindDateTime}),
		define("candidate_brief", "Candidate brief", "One-page summary of a candidate from their application, documents and the team's notes.",
			Argument{"applicationId", "application id from join_list_applications", true, KindApplicationID}),
		define("follow_up_note", "Follow-up note", "Draft a note about an outcome for a candidate and add it after you agree.",
			Argument{"applicationId", "application id from join_list_applications", true, KindApplicationID},
			Argument{"outcome", "what happened, e.g. invite to interview", true, KindOutcome}),
	}
}

func define(name, title, description string, args ...Argument) Prompt {
	text, err := files.ReadFile("templates/" + name + ".md")
	if err != nil {
		panic(err)
	}
	return Prompt{
		Name: name, Title: title, Description: description, Arguments: args,
		tmpl: template.Must(template.New(name).Option("missingkey=zero").Parse(string(text))),
	}
}

var (
	leadingInt   = regexp.MustCompile(`^\s*(\d+)`)
	languageCode = regexp.MustCompile(`^[a-z]{2}$`)
)

// LeadingID reads the id at the start of an argument value, so completion
// values such as "3001: Backend Engineer (Go)" work as ids. It returns ""
// when the value does not start with digits.
func LeadingID(v string) string {
	if m := leadingInt.FindStringSubmatch(v); m != nil {
		return m[1]
	}
	return ""
}

// normalizeArg checks one argument and returns its canonical value. Ids may
// arrive as completion values such as "3001: Backend Engineer (Go)".
func normalizeArg(a Argument, v string) (string, error) {
	v = strings.TrimSpace(v)
	switch a.Kind {
	case KindJobID, KindApplicationID:
		id := LeadingID(v)
		if id == "" || strings.TrimLeft(id, "0") == "" {
			return "", fmt.Errorf("argument %s must be a positive id (got %q); list them with %s", a.Name, v, map[string]string{KindJobID: "join_list_jobs", KindApplicationID: "join_list_applications"}[a.Kind])
		}
		return id, nil
	case KindLanguage:
		v = strings.ToLower(v)
		if !languageCode.MatchString(v) {
			return "", fmt.Errorf("argument %s must be a two-letter ISO 639-1 code such as en or de (got %q)", a.Name, v)
		}
	case KindDateTime:
		if t, err := time.Parse("2006-01-02", v); err == nil {
			return t.Format(time.RFC3339), nil
		}
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			return "", fmt.Errorf("argument %s must be a date (2026-01-31) or RFC 3339 time (got %q)", a.Name, v)
		}
	}
	return v, nil
}

// Render fills p's template with args after checking them.
func (p Prompt) Render(args map[string]string) (string, error) {
	data := map[string]string{}
	for _, a := range p.Arguments {
		v, ok := args[a.Name]
		if !ok || strings.TrimSpace(v) == "" {
			if a.Required {
				return "", fmt.Errorf("argument %s is required: %s", a.Name, a.Description)
			}
			continue
		}
		nv, err := normalizeArg(a, v)
		if err != nil {
			return "", err
		}
		data[a.Name] = nv
	}
	// Sorted, so several unknown arguments always report the same one.
	for _, k := range slices.Sorted(maps.Keys(args)) {
		if !p.hasArg(k) {
			return "", fmt.Errorf("unknown argument %s; %s takes %s", k, p.Name, p.argNames())
		}
	}
	var b bytes.Buffer
	if err := p.tmpl.Execute(&b, data); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}

func (p Prompt) hasArg(name string) bool {
	for _, a := range p.Arguments {
		if a.Name == name {
			return true
		}
	}
	return false
}

func (p Prompt) argNames() string {
	names := make([]string, len(p.Arguments))
	for i, a := range p.Arguments {
		names[i] = a.Name
	}
	return strings.Join(names, ", ")
}

// Register adds the prompts to s.
func Register(s *server.MCPServer) {
	for _, p := range All() {
		opts := []mcp.PromptOption{mcp.WithPromptDescription(p.Description), mcp.WithPromptTitle(p.Title)}
		for _, a := range p.Arguments {
			aopts := []mcp.ArgumentOption{mcp.ArgumentDescription(a.Description)}
			if a.Required {
				aopts = append(aopts, mcp.RequiredArgument())
			}
			opts = append(opts, mcp.WithArgument(a.Name, aopts...))
		}
		s.AddPrompt(mcp.NewPrompt(p.Name, opts...), func(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			text, err := p.Render(req.Params.Arguments)
			if err != nil {
				return nil, rpcerr.InvalidParams("%s: %v", p.Name, err)
			}
			return mcp.NewGetPromptResult(p.Title, []mcp.PromptMessage{
				mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text)),
			}), nil
		})
	}
}

// Find returns the prompt called name.
func Find(name string) (Prompt, bool) {
	for _, p := range All() {
		if p.Name == name {
			return p, true
		}
	}
	return Prompt{}, false
}
