package joinclient

import (
	"context"
	"iter"
	"net/url"
	"regexp"
	"strings"
)

// OfficesService covers /offices.
type OfficesService struct{ c *Client }

// OfficeListOptions filters GET /offices. Note the filter is countryCode while
// the office field is countryIso.
type OfficeListOptions struct {
	ListOptions
	CountryCode  string // ISO 3166-1 alpha-2
	CityNameLike string // substring of the city name
}

var countryCode = regexp.MustCompile(`^[A-Za-z]{2}$`)

func checkCountry(field, v string) error {
	if v != "" && !countryCode.MatchString(v) {
		return &ArgError{Field: field, Problem: "must be a two-letter ISO 3166-1 country code such as DE"}
	}
	return nil
}

// List returns one page of offices.
func (s *OfficesService) List(ctx context.Context, opts OfficeListOptions) ([]Office, *Response, error) {
	if err := opts.check(); err != nil {
		return nil, nil, err
	}
	if err := checkCountry("countryCode", opts.CountryCode); err != nil {
		return nil, nil, err
	}
	q := url.Values{}
	opts.addTo(q)
	if opts.CountryCode != "" {
		q.Set("countryCode", strings.ToUpper(opts.CountryCode))
	}
	if opts.CityNameLike != "" {
		q.Set("cityNameLike", opts.CityNameLike)
	}
	var offices []Office
	resp, err := s.c.call(ctx, OpListOffices, nil, q, nil, &offices)
	return offices, resp, err
}

// All iterates over every office matching opts.
func (s *OfficesService) All(ctx context.Context, opts OfficeListOptions) iter.Seq2[Office, error] {
	return paginate(ctx, opts.ListOptions, func(ctx context.Context, lo ListOptions) ([]Office, *Response, error) {
		opts.ListOptions = lo
		return s.List(ctx, opts)
	})
}

// Get returns one office.
func (s *OfficesService) Get(ctx context.Context, id ID) (*Office, *Response, error) {
	if err := checkID("officeId", id); err != nil {
		return nil, nil, err
	}
	o := new(Office)
	resp, err := s.c.call(ctx, OpGetOffice, []ID{id}, nil, nil, o)
	if err != nil {
		return nil, resp, err
	}
	return o, resp, nil
}

// OfficeRequest is the body of POST /offices (countryIso and city required)
// and PATCH /offices/{id} (all optional).
type OfficeRequest struct {
	Name         string `json:"name,omitempty"`
	StreetName   string `json:"streetName,omitempty"`
	StreetNumber string `json:"streetNumber,omitempty"`
	PostalCode   string `json:"postalCode,omitempty"`
	City         string `json:"city,omitempty"`
	CountryISO   string `json:"countryIso,omitempty"`
	IsDefault    *bool  `json:"isDefault,omitempty"`
}

func (r *OfficeRequest) check(create bool) error {
	if r == nil {
		return &ArgError{Field: "office", Problem: "is required"}
	}
	if create {
		if err := checkRequired("countryIso", r.CountryISO); err != nil {
			return err
		}
		if err := checkRequired("city", r.City); err != nil {
			return err
		}
	} else if *r == (OfficeRequest{}) {
		return &ArgError{Field: "office", Problem: "no field to update was given"}
	}
	return checkCountry("countryIso", r.CountryISO)
}

// Create adds an office.
func (s *OfficesService) Create(ctx context.Context, req *OfficeRequest) (*IDResponse, *Response, error) {
	if err := req.check(true); err != nil {
		return nil, nil, err
	}
	cp := *req
	cp.CountryISO = strings.ToUpper(cp.CountryISO)
	return s.c.idCall(ctx, OpCreateOffice, nil, &cp)
}

// Update changes the set fields of an office.
func (s *OfficesService) Update(ctx context.Context, id ID, req *OfficeRequest) (*IDResponse, *Response, error) {
	if err := checkID("officeId", id); err != nil {
		return nil, nil, err
	}
	if err := req.check(false); err != nil {
		return nil, nil, err
	}
	cp := *req
	cp.CountryISO = strings.ToUpper(cp.CountryISO)
	return s.c.idCall(ctx, OpUpdateOffice, []ID{id}, &cp)
}
