package jointest

import (
	"fmt"
	"net/http"
	"strings"
)

// Offices: {id,name,streetName,streetNumber,postalCode,city,countryIso,
// isDefault}. countryIso is stored and served upper case; the list filter is
// called countryCode (JOIN's asymmetry) and compares case-insensitively.

type officeInput struct {
	CountryISO   *string `json:"countryIso"`
	City         *string `json:"city"`
	Name         *string `json:"name"`
	StreetName   *string `json:"streetName"`
	StreetNumber *string `json:"streetNumber"`
	PostalCode   *string `json:"postalCode"`
	IsDefault    *bool   `json:"isDefault"`
}

func isLetters2(s string) bool {
	return len(s) == 2 && isASCIILetter(s[0]) && isASCIILetter(s[1])
}

func isASCIILetter(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

func handleListOffices(c *call) {
	if !c.allowQuery("page", "pageSize", "countryCode", "cityNameLike") {
		return
	}
	page, size, ok := c.pagination()
	if !ok {
		return
	}
	country, hasCountry := c.query["countryCode"]
	if hasCountry && !isLetters2(country[0]) {
		c.invalid(fmt.Sprintf("Query parameter countryCode must be a two-letter ISO 3166-1 code such as DE, got %q", country[0]))
		return
	}
	city := strings.ToLower(strings.TrimSpace(c.query.Get("cityNameLike")))

	c.st.mu.RLock()
	out := []Office{}
	for _, o := range sortedPtrs(c.st.offices) {
		if hasCountry && !strings.EqualFold(o.CountryISO, country[0]) {
			continue
		}
		if city != "" && !strings.Contains(strings.ToLower(o.City), city) {
			continue
		}
		out = append(out, *o)
	}
	c.st.mu.RUnlock()
	c.json(http.StatusOK, paginate(out, page, size))
}

func handleGetOffice(c *call) {
	if !c.allowQuery() {
		return
	}
	c.st.mu.RLock()
	defer c.st.mu.RUnlock()
	o := found(c, c.st.offices, "officeId", "Office")
	if o == nil {
		return
	}
	c.json(http.StatusOK, o)
}

func handleCreateOffice(c *call) {
	var in officeInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if msg := firstMissing(field{"countryIso", in.CountryISO == nil}, field{"city", in.City == nil}); msg != "" {
		c.invalid(msg)
		return
	}
	o := &Office{}
	if msg := applyOfficeInput(o, &in); msg != "" {
		c.invalid(msg)
		return
	}
	if o.Name == "" {
		o.Name = o.City // JOIN shows the city when an office has no name
	}
	st := c.st
	st.mu.Lock()
	o.ID = st.newID(kindOffice)
	st.offices[o.ID] = o
	st.setDefaultOffice(o)
	st.mu.Unlock()
	c.idResponse(http.StatusCreated, o.ID)
}

func handleUpdateOffice(c *call) {
	var in officeInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if in == (officeInput{}) {
		c.invalid("Request body contains no fields to update; accepted fields: name, streetName, streetNumber, postalCode, city, countryIso, isDefault")
		return
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	o := found(c, st.offices, "officeId", "Office")
	if o == nil {
		return
	}
	draft := *o
	if msg := applyOfficeInput(&draft, &in); msg != "" {
		c.invalid(msg)
		return
	}
	*o = draft
	st.setDefaultOffice(o)
	c.idResponse(http.StatusOK, o.ID)
}

// setDefaultOffice keeps at most one default office: the one just marked.
func (st *Store) setDefaultOffice(o *Office) {
	if !o.IsDefault {
		return
	}
	for _, other := range st.offices {
		if other != o {
			other.IsDefault = false
		}
	}
}

func applyOfficeInput(o *Office, in *officeInput) string {
	if in.CountryISO != nil {
		v := strings.TrimSpace(*in.CountryISO)
		if !isLetters2(v) {
			return fmt.Sprintf("countryIso must be a two-letter ISO 3166-1 code such as DE, got %q", *in.CountryISO)
		}
		o.CountryISO = strings.ToUpper(v)
	}
	if in.City != nil {
		v := strings.TrimSpace(*in.City)
		if v == "" {
			return "city must not be empty"
		}
		o.City = v
	}
	for _, f := range []struct {
		name string
		in   *string
		dst  *string
		max  int
	}{
		{"name", in.Name, &o.Name, 200},
		{"streetName", in.StreetName, &o.StreetName, 200},
		{"streetNumber", in.StreetNumber, &o.StreetNumber, 20},
		{"postalCode", in.PostalCode, &o.PostalCode, 20},
	} {
		if f.in == nil {
			continue
		}
		v := strings.TrimSpace(*f.in)
		if len([]rune(v)) > f.max {
			return fmt.Sprintf("%s must be at most %d characters", f.name, f.max)
		}
		*f.dst = v
	}
	if in.IsDefault != nil {
		o.IsDefault = *in.IsDefault
	}
	return ""
}
