package joinclient

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOfficesService_List(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/offices", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		// The filter is countryCode (upper-cased), unlike the field countryIso.
		testQuery(t, r, url.Values{"page": {"1"}, "pageSize": {"50"}, "countryCode": {"DE"}, "cityNameLike": {"Berl"}})
		writeJSON(w, http.StatusOK, `[{"id": 3, "name": "HQ", "city": "Berlin", "countryIso": "DE", "isDefault": true}]`)
	})
	offices, _, err := f.client.Offices.List(context.Background(), OfficeListOptions{CountryCode: "de", CityNameLike: "Berl"})
	require.NoError(t, err)
	assert.Equal(t, []Office{{ID: 3, Name: "HQ", City: "Berlin", CountryISO: "DE", IsDefault: true}}, offices)
}

func TestOfficesService_Get(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/offices/3", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, nil)
		writeJSON(w, http.StatusOK, `{"id": 3, "name": "HQ", "streetName": "Hauptstr.", "streetNumber": "1",
			"postalCode": "10115", "city": "Berlin", "countryIso": "DE"}`)
	})
	office, _, err := f.client.Offices.Get(context.Background(), 3)
	require.NoError(t, err)
	assert.Equal(t, &Office{ID: 3, Name: "HQ", StreetName: "Hauptstr.", StreetNumber: "1", PostalCode: "10115",
		City: "Berlin", CountryISO: "DE"}, office)
}

func TestOfficesService_Create(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPost, "/offices", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testBody(t, r, `{"name": "Munich", "city": "München", "countryIso": "DE", "postalCode": "80331", "isDefault": false}`)
		writeJSON(w, http.StatusCreated, `{"id": 4}`)
	})
	req := &OfficeRequest{Name: "Munich", City: "München", CountryISO: "de", PostalCode: "80331", IsDefault: ptr(false)}
	out, _, err := f.client.Offices.Create(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, ID(4), out.ID)
	assert.Equal(t, "de", req.CountryISO, "the caller's request is not modified")
}

func TestOfficesService_Update(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPatch, "/offices/4", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"isDefault": true}`)
		writeJSON(w, http.StatusOK, `{"id": 4}`)
	})
	out, _, err := f.client.Offices.Update(context.Background(), 4, &OfficeRequest{IsDefault: ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, ID(4), out.ID)
}
