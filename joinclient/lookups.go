package joinclient

import (
	"context"
	"fmt"
	"net/url"
)

// LookupsService covers the reference lists a job needs: categories (with
// the sub-categories jobs point to), employment types and seniority levels.
// They are not paginated and are labelled in the requested language.
type LookupsService struct{ c *Client }

func languageQuery(language string) (url.Values, error) {
	if language == "" {
		language = "en"
	}
	if !languageCode.MatchString(language) {
		return nil, &ArgError{Field: "language", Problem: fmt.Sprintf("%q is not a two-letter lower-case ISO 639-1 code such as en or de", language)}
	}
	return url.Values{"language": {language}}, nil
}

func listLookup[T any](ctx context.Context, c *Client, op Operation, language string) ([]T, *Response, error) {
	q, err := languageQuery(language)
	if err != nil {
		return nil, nil, err
	}
	var out []T
	resp, err := c.call(ctx, op, nil, q, nil, &out)
	return out, resp, err
}

// Categories lists categories with their sub-categories (language default en).
func (s *LookupsService) Categories(ctx context.Context, language string) ([]Category, *Response, error) {
	return listLookup[Category](ctx, s.c, OpListCategories, language)
}

// EmploymentTypes lists employment types such as Full-time.
func (s *LookupsService) EmploymentTypes(ctx context.Context, language string) ([]EmploymentType, *Response, error) {
	return listLookup[EmploymentType](ctx, s.c, OpListEmploymentTypes, language)
}

// SeniorityLevels lists seniority levels such as Entry level.
func (s *LookupsService) SeniorityLevels(ctx context.Context, language string) ([]SeniorityLevel, *Response, error) {
	return listLookup[SeniorityLevel](ctx, s.c, OpListSeniorityLevels, language)
}
