package tools

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/schemas"
)

// prepareJob turns the names a user says ("Berlin", "Full-time", "Design")
// into the ids join_create_job needs, so a job can be created from a chat in
// two calls: this one, then join_create_job.
func prepareJob(ctx context.Context, c *call, in schemas.PrepareJobInput) (any, error) {
	lang := cmp.Or(in.Language, "en")
	args := map[string]any{"title": in.Title, "language": lang, "status": "OFFLINE"}
	if in.WorkplaceType != "" {
		args["workplaceType"] = in.WorkplaceType
	}
	out := schemas.PrepareJobOutput{Resolved: []schemas.Resolution{}, CreateJobFields: args}

	resolve := func(field, query string, choices []schemas.Choice) {
		if strings.TrimSpace(query) == "" {
			return
		}
		r := matchName(field, query, choices)
		if r.ID != 0 {
			args[field] = r.ID
		}
		out.Resolved = append(out.Resolved, r)
	}

	offices, err := c.deps.Lookups.Offices(ctx, c.client)
	if err != nil {
		return nil, err
	}
	officeChoices := make([]schemas.Choice, len(offices))
	for i, o := range offices {
		officeChoices[i] = schemas.Choice{ID: o.ID, Name: officeLabel(o)}
	}
	if in.City == "" && len(offices) == 1 {
		args["officeId"] = offices[0].ID // the only office: nothing to ask
	}
	resolve("officeId", in.City, officeChoices)

	types, err := lookupChoices(ctx, c, lang, func(ctx context.Context, l string) ([]schemas.Choice, error) {
		v, err := c.deps.Lookups.EmploymentTypes(ctx, c.client, l)
		out := make([]schemas.Choice, len(v))
		for i, t := range v {
			out[i] = schemas.Choice{ID: t.ID, Name: t.Name}
		}
		return out, err
	})
	if err != nil {
		return nil, err
	}
	resolve("employmentTypeId", in.EmploymentType, types)

	subs, err := lookupChoices(ctx, c, lang, func(ctx context.Context, l string) ([]schemas.Choice, error) {
		v, err := c.deps.Lookups.Categories(ctx, c.client, l)
		var out []schemas.Choice
		for _, cat := range v {
			for _, sub := range cat.SubCategories {
				name := sub.Name
				if !strings.EqualFold(sub.Name, cat.Name) {
					name = cat.Name + " › " + sub.Name
				}
				out = append(out, schemas.Choice{ID: sub.ID, Name: name})
			}
		}
		return out, err
	})
	if err != nil {
		return nil, err
	}
	resolve("categoryId", in.Category, subs)

	levels, err := lookupChoices(ctx, c, lang, func(ctx context.Context, l string) ([]schemas.Choice, error) {
		v, err := c.deps.Lookups.SeniorityLevels(ctx, c.client, l)
		out := make([]schemas.Choice, len(v))
		for i, s := range v {
			out[i] = schemas.Choice{ID: s.ID, Name: s.Name}
		}
		return out, err
	})
	if err != nil {
		return nil, err
	}
	resolve("seniorityId", in.Seniority, levels)

	for _, f := range []string{"categoryId", "employmentTypeId", "officeId"} {
		if _, ok := args[f]; !ok {
			out.Missing = append(out.Missing, f)
		}
	}
	out.Ready = len(out.Missing) == 0
	if out.Ready {
		out.Next = "Draft the ad as HTML, add it as description to createJobArguments and call join_create_job (it creates the job OFFLINE)."
	} else {
		out.Next = fmt.Sprintf("Ask the user to pick %s from the choices (or call again with a clearer name), then call join_create_job with createJobArguments plus description.", strings.Join(out.Missing, ", "))
	}
	out.Missing = append([]string{"description"}, out.Missing...)
	return out, nil
}

func officeLabel(o joinclient.Office) string {
	label := o.City
	if o.Name != "" && !strings.EqualFold(o.Name, o.City) {
		label = o.Name + " (" + o.City + ")"
	}
	if o.CountryISO != "" {
		label += ", " + strings.ToUpper(o.CountryISO)
	}
	return label
}

// lookupChoices loads a lookup list in the ad's language and adds English
// and German names, since users name things in whatever language they chat.
func lookupChoices(ctx context.Context, c *call, lang string, load func(context.Context, string) ([]schemas.Choice, error)) ([]schemas.Choice, error) {
	var all []schemas.Choice
	seen := map[string]bool{}
	for _, l := range []string{lang, "en", "de"} {
		if seen[l] {
			continue
		}
		seen[l] = true
		choices, err := load(ctx, l)
		if err != nil {
			if l == lang {
				return nil, err
			}
			continue // another language is only a bonus
		}
		all = append(all, choices...)
	}
	return all, nil
}

// normalize folds case and accents and drops everything but letters and
// digits, so "full time", "Full-time" and "FULLTIME" compare equal, and so
// do "Zürich" and "Zurich".
func normalize(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.ReplaceAll(s, "ß", "ss"))) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// matchName resolves query against choices: an exact (normalized) match
// wins, then a single substring match; several matches or none return the
// choices to ask the user about. Choices with the same id (one entry per
// language) count once.
func matchName(field, query string, choices []schemas.Choice) schemas.Resolution {
	r := schemas.Resolution{Field: field, Query: query}
	q := normalize(query)
	pick := func(pred func(name string) bool) []schemas.Choice {
		var out []schemas.Choice
		ids := map[joinclient.ID]bool{}
		for _, ch := range choices {
			n := normalize(ch.Name)
			last := n
			if i := strings.LastIndex(ch.Name, "›"); i >= 0 {
				last = normalize(ch.Name[i:])
			}
			if (pred(n) || pred(last)) && !ids[ch.ID] {
				ids[ch.ID] = true
				out = append(out, ch)
			}
		}
		return out
	}
	matches := pick(func(n string) bool { return n == q })
	if len(matches) == 0 && q != "" {
		matches = pick(func(n string) bool { return strings.Contains(n, q) || strings.Contains(q, n) && len(n) >= 4 })
	}
	switch {
	case len(matches) == 1:
		r.ID, r.Name = matches[0].ID, matches[0].Name
	case len(matches) > 1:
		r.Choices = matches
	default:
		r.Choices = dedupe(choices)
	}
	if len(r.Choices) > 40 {
		r.Choices = r.Choices[:40]
	}
	return r
}

func dedupe(choices []schemas.Choice) []schemas.Choice {
	seen := map[joinclient.ID]bool{}
	var out []schemas.Choice
	for _, ch := range choices {
		if !seen[ch.ID] {
			seen[ch.ID] = true
			out = append(out, ch)
		}
	}
	return out
}
