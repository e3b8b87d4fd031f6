package tools

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/schemas"
)

func officeTools(d Deps) []Tool {
	writeOut := schemas.OutputSchema[schemas.WriteResult]()
	return []Tool{
		typed(d, spec{
			name: "join_list_offices", title: "List offices", toolset: "offices",
			description: "List the company's offices (a job's location is always an office). Filter by countryCode and part of the city name.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[schemas.ListOfficesOutput](),
		}, listOffices),
		typed(d, spec{
			name: "join_get_office", title: "Get office", toolset: "offices",
			description: "Get one office with its address.",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[joinclient.Office](),
		}, getOffice),
		typed(d, spec{
			name: "join_create_office", title: "Create office", toolset: "offices",
			description: "Add an office (city and country required). Check join_list_offices first: a job needs an officeId and the office may already exist.",
			output:      writeOut,
		}, createOffice),
		typed(d, spec{
			name: "join_update_office", title: "Update office", toolset: "offices",
			description: "Change an office's name or address; only the given fields change, and every job at that office shows the new address. Needs confirm=true; without it, returns a preview.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, updateOffice),
	}
}

func listOffices(ctx context.Context, c *call, in schemas.ListOfficesInput) (any, error) {
	lo := pageOf(in.Paging)
	offices, _, err := c.client.Offices.List(ctx, joinclient.OfficeListOptions{ListOptions: lo, CountryCode: in.CountryCode, CityNameLike: in.CityNameLike})
	if err != nil {
		return nil, err
	}
	return schemas.ListOfficesOutput{ListMeta: listMeta(lo, len(offices)), Items: nonNil(offices)}, nil
}

func getOffice(ctx context.Context, c *call, in schemas.OfficeIDInput) (any, error) {
	o, _, err := c.client.Offices.Get(ctx, joinclient.ID(in.OfficeID))
	return o, err
}

func officeRequest(city, country string, f schemas.OfficeFields) *joinclient.OfficeRequest {
	return &joinclient.OfficeRequest{
		Name: f.Name, StreetName: f.StreetName, StreetNumber: f.StreetNumber, PostalCode: f.PostalCode,
		City: city, CountryISO: strings.ToUpper(country), IsDefault: f.IsDefault,
	}
}

func createOffice(ctx context.Context, c *call, in schemas.CreateOfficeInput) (any, error) {
	res, _, err := c.client.Offices.Create(ctx, officeRequest(in.City, in.CountryISO, in.OfficeFields))
	if err != nil {
		return nil, err
	}
	c.deps.Lookups.ForgetOffices(c.client)
	return &schemas.WriteResult{Status: schemas.StatusDone, ID: res.ID, Message: fmt.Sprintf("Created office %d in %s, %s.", res.ID, in.City, strings.ToUpper(in.CountryISO))}, nil
}

func updateOffice(ctx context.Context, c *call, in schemas.UpdateOfficeInput) (any, error) {
	id := joinclient.ID(in.OfficeID)
	req := officeRequest(in.City, in.CountryISO, in.OfficeFields)
	if *req == (joinclient.OfficeRequest{}) {
		return nil, &joinclient.ArgError{Field: "officeId", Problem: "no field to change was given; pass at least one of name, streetName, streetNumber, postalCode, city, countryIso, isDefault"}
	}
	current, _, err := c.client.Offices.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p := schemas.Preview{
		Action:   fmt.Sprintf("Update office %d (%s).", id, cmp.Or(current.Name, current.City)),
		Request:  fmt.Sprintf("PATCH /offices/%d", id),
		Changes:  diff(current, req),
		Warnings: []string{"Every job at this office shows the new address."},
	}
	if len(p.Changes) == 0 {
		return &schemas.WriteResult{Status: schemas.StatusDone, ID: id, Message: fmt.Sprintf("Office %d already has these values; nothing was changed.", id)}, nil
	}
	if stop := gate(ctx, c, in.Confirm, p); stop != nil {
		return stop, nil
	}
	if _, _, err := c.client.Offices.Update(ctx, id, req); err != nil {
		return nil, err
	}
	c.deps.Lookups.ForgetOffices(c.client)
	return &schemas.WriteResult{Status: schemas.StatusDone, ID: id, Message: fmt.Sprintf("Updated office %d.", id)}, nil
}
