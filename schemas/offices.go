package schemas

import "github.com/join-mcp/join-mcp/joinclient"

// ListOfficesInput is join_list_offices' input.
type ListOfficesInput struct {
	CountryCode  string `json:"countryCode,omitempty" jsonschema:"pattern=^[A-Za-z]{2}$" jsonschema_description:"ISO 3166-1 alpha-2 country, e.g. DE"`
	CityNameLike string `json:"cityNameLike,omitempty" jsonschema_description:"part of the city name, e.g. Berl"`
	Paging
}

// OfficeIDInput is join_get_office's input.
type OfficeIDInput struct {
	OfficeID int64 `json:"officeId" jsonschema:"required,minimum=1" jsonschema_description:"office id from join_list_offices"`
}

// ListOfficesOutput is join_list_offices' output.
type ListOfficesOutput struct {
	ListMeta
	Items []joinclient.Office `json:"items" jsonschema:"required"`
}

// OfficeFields are the editable office fields.
type OfficeFields struct {
	Name         string `json:"name,omitempty" jsonschema:"maxLength=200" jsonschema_description:"display name, e.g. Berlin HQ"`
	StreetName   string `json:"streetName,omitempty"`
	StreetNumber string `json:"streetNumber,omitempty"`
	PostalCode   string `json:"postalCode,omitempty"`
	IsDefault    *bool  `json:"isDefault,omitempty" jsonschema_description:"make this the company's default office"`
}

// CreateOfficeInput is join_create_office's input.
type CreateOfficeInput struct {
	City       string `json:"city" jsonschema:"required,minLength=1"`
	CountryISO string `json:"countryIso" jsonschema:"required,pattern=^[A-Za-z]{2}$" jsonschema_description:"ISO 3166-1 alpha-2 country, e.g. DE"`
	OfficeFields
}

// UpdateOfficeInput is join_update_office's input.
type UpdateOfficeInput struct {
	OfficeID   int64  `json:"officeId" jsonschema:"required,minimum=1" jsonschema_description:"office id from join_list_offices"`
	City       string `json:"city,omitempty" jsonschema:"minLength=1"`
	CountryISO string `json:"countryIso,omitempty" jsonschema:"pattern=^[A-Za-z]{2}$"`
	OfficeFields
	ConfirmField
}
