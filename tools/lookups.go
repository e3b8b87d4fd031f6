package tools

import (
	"cmp"
	"context"

	"github.com/join-mcp/join-mcp/schemas"
)

func lookupTools(d Deps) []Tool {
	return []Tool{
		typed(d, spec{
			name: "join_list_categories", title: "List job categories", toolset: "lookups",
			description: "List JOIN's job categories with their sub-categories. A job's categoryId must be a sub-category id from here.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[schemas.CategoriesOutput](),
		}, listCategories),
		typed(d, spec{
			name: "join_list_employment_types", title: "List employment types", toolset: "lookups",
			description: "List employment types (Full-time, Part-time, Internship, ...) with the ids a job's employmentTypeId takes.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[schemas.EmploymentTypesOutput](),
		}, listEmploymentTypes),
		typed(d, spec{
			name: "join_list_seniority_levels", title: "List seniority levels", toolset: "lookups",
			description: "List seniority levels (Entry level, Experienced, ...) with the ids a job's seniorityId takes.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[schemas.SeniorityLevelsOutput](),
		}, listSeniorityLevels),
	}
}

func language(in schemas.LanguageInput) string { return cmp.Or(in.Language, "en") }

func listCategories(ctx context.Context, c *call, in schemas.LanguageInput) (any, error) {
	items, err := c.deps.Lookups.Categories(ctx, c.client, language(in))
	if err != nil {
		return nil, err
	}
	return schemas.CategoriesOutput{Language: language(in), Items: nonNil(items)}, nil
}

func listEmploymentTypes(ctx context.Context, c *call, in schemas.LanguageInput) (any, error) {
	items, err := c.deps.Lookups.EmploymentTypes(ctx, c.client, language(in))
	if err != nil {
		return nil, err
	}
	return schemas.EmploymentTypesOutput{Language: language(in), Items: nonNil(items)}, nil
}

func listSeniorityLevels(ctx context.Context, c *call, in schemas.LanguageInput) (any, error) {
	items, err := c.deps.Lookups.SeniorityLevels(ctx, c.client, language(in))
	if err != nil {
		return nil, err
	}
	return schemas.SeniorityLevelsOutput{Language: language(in), Items: nonNil(items)}, nil
}
