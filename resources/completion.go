package resources

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/prompts"
	"github.com/join-mcp/join-mcp/tools"
)

// MaxCompletions is the spec's cap on values per answer.
const MaxCompletions = 100

// Languages offered for ad languages (ISO 639-1); JOIN's full list is not
// documented, these are the languages of its main markets.
var Languages = []string{"en", "de", "fr", "es", "it", "nl", "pl", "pt", "sv", "da", "fi", "no", "cs"}

// Completer completes prompt arguments and resource-template variables with
// real JOIN values, filtered by what the user typed. Job and application
// lists are kept for a short while because completion runs per keystroke.
type Completer struct {
	deps   tools.Deps
	recent *tools.LookupCache
}

// option is one completable value; label is what a prompt argument shows.
type option struct {
	id    string
	label string
}

// NewCompleter returns a completer using deps' client and lookup cache.
func NewCompleter(deps tools.Deps) *Completer {
	return &Completer{deps: deps, recent: tools.NewLookupCache(30 * time.Second)}
}

// CompletePromptArgument implements server.PromptCompletionProvider.
func (c *Completer) CompletePromptArgument(ctx context.Context, promptName string, arg mcp.CompleteArgument, cctx mcp.CompleteContext) (*mcp.Completion, error) {
	p, ok := prompts.Find(promptName)
	if !ok {
		// The spec suggests invalid params here, but mcp-go v1.6.0 reports
		// every completion error as an internal error; no values is the
		// honest answer it lets us give.
		return &mcp.Completion{Values: []string{}}, nil
	}
	kind := ""
	for _, a := range p.Arguments {
		if a.Name == arg.Name {
			kind = a.Kind
		}
	}
	return c.complete(ctx, kind, arg.Value, cctx.Arguments, true)
}

// CompleteResourceArgument implements server.ResourceCompletionProvider.
func (c *Completer) CompleteResourceArgument(ctx context.Context, uri string, arg mcp.CompleteArgument, cctx mcp.CompleteContext) (*mcp.Completion, error) {
	kind := map[string]string{"jobId": prompts.KindJobID, "applicationId": prompts.KindApplicationID, "documentId": "documentId"}[arg.Name]
	return c.complete(ctx, kind, arg.Value, cctx.Arguments, false)
}

func (c *Completer) complete(ctx context.Context, kind, typed string, args map[string]string, labels bool) (*mcp.Completion, error) {
	var opts []option
	var err error
	switch kind {
	case prompts.KindJobID:
		opts, err = c.jobs(ctx)
	case prompts.KindApplicationID:
		opts, err = c.applications(ctx, leadingID(args["jobId"]))
	case "documentId":
		opts, err = c.documents(ctx, leadingID(args["applicationId"]))
	case prompts.KindLanguage:
		opts = plain(Languages)
	case prompts.KindOutcome:
		opts = plain(prompts.Outcomes)
	case prompts.KindCity:
		opts, err = c.cities(ctx)
	case prompts.KindEmployment:
		opts, err = c.names(ctx, "employmentTypes")
	case prompts.KindSeniority:
		opts, err = c.names(ctx, "seniorityLevels")
	case prompts.KindDateTime:
		now := time.Now().UTC()
		opts = plain([]string{now.AddDate(0, 0, -7).Format("2006-01-02"), now.AddDate(0, 0, -14).Format("2006-01-02"), now.AddDate(0, -1, 0).Format("2006-01-02"), time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")})
	}
	if err != nil {
		return nil, err
	}
	return filter(opts, typed, labels), nil
}

// filter keeps the options whose id starts with, or whose label contains,
// what was typed (case-insensitive), capped at MaxCompletions.
func filter(opts []option, typed string, labels bool) *mcp.Completion {
	t := strings.ToLower(strings.TrimSpace(typed))
	values := []string{}
	total := 0
	for _, o := range opts {
		if t != "" && !strings.HasPrefix(strings.ToLower(o.id), t) && !strings.Contains(strings.ToLower(o.label), t) {
			continue
		}
		total++
		if len(values) < MaxCompletions {
			v := o.id
			if labels && o.label != o.id {
				v = o.id + ": " + o.label
			}
			values = append(values, v)
		}
	}
	return &mcp.Completion{Values: values, Total: total, HasMore: total > len(values)}
}

func plain(values []string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{id: v, label: v}
	}
	return out
}

func leadingID(s string) joinclient.ID {
	n, _ := strconv.ParseInt(prompts.LeadingID(s), 10, 64)
	return joinclient.ID(n)
}

// remember caches a slow list for a short while per tenant.
func (c *Completer) remember(ctx context.Context, what string, load func(context.Context, *joinclient.Client) ([]option, error)) ([]option, error) {
	cl, err := c.deps.Client(ctx)
	if err != nil {
		return nil, err
	}
	return tools.Cached(ctx, c.recent, cl, what, func(ctx context.Context) ([]option, error) { return load(ctx, cl) })
}

// jobs lists ONLINE jobs first, then the others, as "id: title".
func (c *Completer) jobs(ctx context.Context) ([]option, error) {
	return c.remember(ctx, "jobs", func(ctx context.Context, cl *joinclient.Client) ([]option, error) {
		var online, other []option
		for j, err := range cl.Jobs.All(ctx, joinclient.JobListOptions{ListOptions: joinclient.ListOptions{MaxPages: 4}}) {
			if err != nil {
				return nil, err
			}
			o := option{id: j.ID.String(), label: j.Title}
			if j.Status == "ONLINE" {
				online = append(online, o)
			} else {
				other = append(other, o)
			}
		}
		return append(online, other...), nil
	})
}

// applications lists recent applications, only of jobID when the user
// already chose a job.
func (c *Completer) applications(ctx context.Context, jobID joinclient.ID) ([]option, error) {
	return c.remember(ctx, "applications:"+jobID.String(), func(ctx context.Context, cl *joinclient.Client) ([]option, error) {
		var out []option
		for a, err := range cl.Applications.All(ctx, joinclient.ApplicationListOptions{JobID: jobID, ListOptions: joinclient.ListOptions{MaxPages: 4}}) {
			if err != nil {
				return nil, err
			}
			label := ""
			if a.Candidate != nil {
				label = strings.TrimSpace(a.Candidate.FirstName + " " + a.Candidate.LastName)
			}
			if a.Job != nil {
				label += " – " + a.Job.Title
			}
			out = append(out, option{id: a.ID.String(), label: label})
		}
		return out, nil
	})
}

func (c *Completer) documents(ctx context.Context, appID joinclient.ID) ([]option, error) {
	if appID == 0 {
		return nil, nil // the document id only makes sense once the application is known
	}
	cl, err := c.deps.Client(ctx)
	if err != nil {
		return nil, err
	}
	app, _, err := cl.Applications.Get(ctx, appID)
	if err != nil {
		if joinclient.IsNotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	var out []option
	for _, a := range app.Attachments {
		out = append(out, option{id: a.ID.String(), label: a.Name})
	}
	return out, nil
}

func (c *Completer) cities(ctx context.Context) ([]option, error) {
	cl, err := c.deps.Client(ctx)
	if err != nil {
		return nil, err
	}
	offices, err := c.deps.Lookups.Offices(ctx, cl)
	if err != nil {
		return nil, err
	}
	var cities []string
	for _, o := range offices {
		if o.City != "" && !slices.Contains(cities, o.City) {
			cities = append(cities, o.City)
		}
	}
	return plain(cities), nil
}

func (c *Completer) names(ctx context.Context, what string) ([]option, error) {
	cl, err := c.deps.Client(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	switch what {
	case "employmentTypes":
		v, err := c.deps.Lookups.EmploymentTypes(ctx, cl, "en")
		if err != nil {
			return nil, err
		}
		for _, t := range v {
			names = append(names, t.Name)
		}
	default:
		v, err := c.deps.Lookups.SeniorityLevels(ctx, cl, "en")
		if err != nil {
			return nil, err
		}
		for _, t := range v {
			names = append(names, t.Name)
		}
	}
	return plain(names), nil
}
