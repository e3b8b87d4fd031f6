package tools_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
)

func TestListOfficesTool(t *testing.T) {
	e := newEnv(t, setup{})
	tests := []struct {
		name, args, query string
		page, returned    int
		hasMore           bool
		cities            []string
	}{
		{"all", `{}`, "page=1&pageSize=20", 1, 5, false, []string{"Berlin", "Munich", "Hamburg", "Vienna", "Zurich"}},
		{"by country", `{"countryCode":"DE"}`, "countryCode=DE&page=1&pageSize=20", 1, 3, false, []string{"Berlin", "Munich", "Hamburg"}},
		{"by city", `{"cityNameLike":"Mun"}`, "cityNameLike=Mun&page=1&pageSize=20", 1, 1, false, []string{"Munich"}},
		{"first page", `{"pageSize":2}`, "page=1&pageSize=2", 1, 2, true, []string{"Berlin", "Munich"}},
		{"last page", `{"pageSize":2,"page":3}`, "page=3&pageSize=2", 3, 1, false, []string{"Zurich"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := e.in(t)
			e.fake.ResetRequests()
			sc := e.ok("join_list_offices", tc.args)
			assert.Equal(t, []string{"GET /offices?" + tc.query}, e.sent())
			assert.EqualValues(t, tc.page, sc["page"])
			assert.EqualValues(t, tc.returned, sc["returned"])
			assert.Equal(t, tc.hasMore, sc["hasMore"])
			var cities []string
			for _, it := range items(t, sc) {
				cities = append(cities, it.(map[string]any)["city"].(string))
			}
			assert.Equal(t, tc.cities, cities)
		})
	}

	t.Run("404", func(t *testing.T) {
		e := e.in(t)
		e.fake.ResetRequests()
		e.fake.FailNext(1, http.StatusNotFound)
		msg := e.fails("join_list_offices", `{}`)
		assert.True(t, contains(msg, "JOIN found nothing", "404"), msg)
		assert.Len(t, e.sent(), 1)
	})
}

func TestGetOfficeTool(t *testing.T) {
	e := newEnv(t, setup{})
	sc := e.ok("join_get_office", `{"officeId":2001}`)
	assert.Equal(t, []string{"GET /offices/2001"}, e.sent())
	assert.EqualValues(t, officeBerlin, sc["id"])
	assert.Equal(t, "Acme Robotics HQ Berlin", sc["name"])
	assert.Equal(t, "Berlin", sc["city"])
	assert.Equal(t, "DE", sc["countryIso"])
	assert.Equal(t, "10115", sc["postalCode"])
	assert.Equal(t, true, sc["isDefault"])

	e.fake.ResetRequests()
	msg := e.fails("join_get_office", `{"officeId":999999}`)
	assert.True(t, contains(msg, "404", "/offices/999999", "Check the id"), msg)
	assert.Equal(t, []string{"GET /offices/999999"}, e.sent())
}

func TestCreateOfficeTool(t *testing.T) {
	e := newEnv(t, setup{})
	sc := e.ok("join_create_office", `{"city":"Cologne","countryIso":"de","name":"Cologne Hub","streetName":"Domkloster","streetNumber":"4","postalCode":"50667","isDefault":false}`)
	assert.Equal(t, "done", sc["status"])
	assert.Contains(t, sc["message"], "Cologne, DE")

	w := e.lastWrite()
	assert.Equal(t, []string{"POST /offices"}, e.sent())
	assert.JSONEq(t, `{"name":"Cologne Hub","streetName":"Domkloster","streetNumber":"4","postalCode":"50667","city":"Cologne","countryIso":"DE","isDefault":false}`, string(w.Body))

	o, ok := e.store().Office(joinclient.ID(num(sc["id"])))
	require.True(t, ok, "the fake has the office")
	assert.Equal(t, "Cologne Hub", o.Name)
	assert.Equal(t, "DE", o.CountryISO)
	assert.False(t, o.IsDefault)
	def, _ := e.store().Office(officeBerlin)
	assert.True(t, def.IsDefault, "the default office stays")

	// Creating has no id to get wrong; an upstream 404 (a wrong route) must
	// still come back as a helpful error.
	e.fake.ResetRequests()
	e.fake.FailNext(1, http.StatusNotFound)
	msg := e.fails("join_create_office", `{"city":"Bonn","countryIso":"DE"}`)
	assert.True(t, contains(msg, "JOIN found nothing", "404", "/offices"), msg)
	assert.Equal(t, []string{"POST /offices"}, e.sent())
}
