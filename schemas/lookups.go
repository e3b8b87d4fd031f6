package schemas

import "github.com/join-mcp/join-mcp/joinclient"

// LanguageInput is the input of the lookup list tools.
type LanguageInput struct {
	Language string `json:"language,omitempty" jsonschema:"pattern=^[a-z]{2}$" jsonschema_description:"language of the names, ISO 639-1 such as en or de (default en)"`
}

// CategoriesOutput is join_list_categories' output.
type CategoriesOutput struct {
	Language string                `json:"language" jsonschema:"required"`
	Items    []joinclient.Category `json:"items" jsonschema:"required" jsonschema_description:"categories; a job's categoryId is one of their subCategories' ids"`
}

// EmploymentTypesOutput is join_list_employment_types' output.
type EmploymentTypesOutput struct {
	Language string                      `json:"language" jsonschema:"required"`
	Items    []joinclient.EmploymentType `json:"items" jsonschema:"required"`
}

// SeniorityLevelsOutput is join_list_seniority_levels' output.
type SeniorityLevelsOutput struct {
	Language string                      `json:"language" jsonschema:"required"`
	Items    []joinclient.SeniorityLevel `json:"items" jsonschema:"required"`
}
