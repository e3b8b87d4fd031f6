package jointest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/join-mcp/join-mcp/joinclient"
)

// Error types of the JOIN error body. Our decision where JOIN's set is
// unknown: a duplicate application is a VALIDATION_ERROR, there is no
// CONFLICT.
const (
	errUnauthorized = "UNAUTHORIZED"
	errNotFound     = "NOT_FOUND"
	errValidation   = "VALIDATION_ERROR"
	errRateLimit    = "RATE_LIMIT_EXCEEDED"
	errInternal     = "INTERNAL_ERROR"
)

const jsonContentType = "application/json; charset=utf-8"

func errorTypeFor(status int) string {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return errUnauthorized
	case status == http.StatusNotFound:
		return errNotFound
	case status == http.StatusTooManyRequests:
		return errRateLimit
	case status >= 500:
		return errInternal
	default:
		return errValidation
	}
}

type errorBody struct {
	Error struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, typ, msg string) {
	var b errorBody
	b.Error.Type, b.Error.Message = typ, msg
	writeJSON(w, status, b)
}

// writeJSON answers v as JSON. HTML is not escaped (no \u003c): job
// descriptions are HTML and JOIN, not being a Go program, sends them plainly.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only our own types are encoded; failing here is a bug in the fake.
		panic("jointest: encoding response: " + err.Error())
	}
	w.Header().Set("Content-Type", jsonContentType)
	w.WriteHeader(status)
	_, _ = w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// handlerFunc implements one operation.
type handlerFunc func(c *call)

// call is one authenticated, routed API request.
type call struct {
	s     *Server
	w     http.ResponseWriter
	r     *http.Request
	t     *tenant
	st    *Store
	body  []byte
	query url.Values
	ids   map[string]joinclient.ID // path placeholders
}

func (c *call) id(name string) joinclient.ID { return c.ids[name] }

func (c *call) json(status int, v any) { writeJSON(c.w, status, v) }

func (c *call) idResponse(status int, id joinclient.ID) {
	c.json(status, map[string]joinclient.ID{"id": id})
}

func (c *call) noContent() { c.w.WriteHeader(http.StatusNoContent) }

func (c *call) invalid(msg string) { writeError(c.w, http.StatusBadRequest, errValidation, msg) }

func (c *call) notFound(msg string) { writeError(c.w, http.StatusNotFound, errNotFound, msg) }

// enumProblem is the message for a value outside allowed ("" when fine).
func enumProblem(field, v string, allowed []string) string {
	if slices.Contains(allowed, v) {
		return ""
	}
	return fmt.Sprintf("Invalid value %q for %s; allowed values: %s", v, field, strings.Join(allowed, ", "))
}

// ---------------------------------------------------------------------------
// Query parameters

// allowQuery rejects parameters the operation does not know and parameters
// given twice. Real JOIN may ignore unknown parameters; the fake is strict so
// that a client typo such as "page_size" fails a test instead of being
// silently ignored.
func (c *call) allowQuery(names ...string) bool {
	keys := make([]string, 0, len(c.query))
	for k := range c.query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(names, k) {
			allowed := "none"
			if len(names) > 0 {
				allowed = strings.Join(names, ", ")
			}
			c.invalid(fmt.Sprintf("Unknown query parameter %q; allowed parameters: %s", k, allowed))
			return false
		}
		if len(c.query[k]) > 1 {
			c.invalid(fmt.Sprintf("Query parameter %q is given %d times; send it once", k, len(c.query[k])))
			return false
		}
	}
	return true
}

// intQuery parses an optional integer parameter within [lo, hi]; hi 0
// means no upper bound worth telling the caller about.
func (c *call) intQuery(name string, def, lo, hi int64) (int64, bool) {
	raw, ok := c.query[name]
	if !ok {
		return def, true
	}
	want := fmt.Sprintf("an integer between %d and %d", lo, hi)
	if hi == 0 {
		hi, want = math.MaxInt64, fmt.Sprintf("an integer >= %d", lo)
	}
	n, err := strconv.ParseInt(raw[0], 10, 64)
	if err != nil || n < lo || n > hi {
		c.invalid(fmt.Sprintf("Query parameter %s must be %s, got %q", name, want, raw[0]))
		return 0, false
	}
	return n, true
}

const maxPageSize = 50

// pagination reads page (>= 1, default 1) and pageSize (1..50, default 50).
func (c *call) pagination() (page, size int, ok bool) {
	p, ok := c.intQuery("page", 1, 1, 0)
	if !ok {
		return 0, 0, false
	}
	p = min(p, maxPage) // keeps (page-1)*pageSize from overflowing; such pages are empty anyway
	ps, ok := c.intQuery("pageSize", maxPageSize, 1, maxPageSize)
	if !ok {
		return 0, 0, false
	}
	return int(p), int(ps), true
}

const maxPage = 1<<31 - 1

// paginate returns one page of items; never nil, so it encodes as [].
func paginate[T any](items []T, page, size int) []T {
	start := (page - 1) * size
	if start >= len(items) {
		return []T{}
	}
	end := min(start+size, len(items))
	return items[start:end]
}

// ---------------------------------------------------------------------------
// Bodies

// decode reads the request body into dst strictly: it must be one JSON
// object sent as application/json, without unknown fields and with the right
// types. On failure it answers 400 naming the field and returns false.
func (c *call) decode(dst any) bool {
	if len(bytes.TrimSpace(c.body)) == 0 {
		c.invalid("Request body is required: send a JSON object with the fields " + describeFields(reflect.TypeOf(dst)))
		return false
	}
	if mt, _, err := mime.ParseMediaType(c.r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		c.invalid(fmt.Sprintf("Content-Type must be application/json, got %q", c.r.Header.Get("Content-Type")))
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(c.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		c.invalid(describeDecodeError(err, dst))
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		c.invalid("Request body must contain exactly one JSON object")
		return false
	}
	return true
}

// noBody accepts an empty body or {} for endpoints that take none.
func (c *call) noBody() bool {
	b := bytes.TrimSpace(c.body)
	if len(b) == 0 || string(b) == "{}" || string(b) == "null" {
		return true
	}
	c.invalid("This endpoint takes no request body")
	return false
}

var quotedName = regexp.MustCompile(`"([^"]*)"`)

func describeDecodeError(err error, dst any) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	msg := err.Error()
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return fmt.Sprintf("Request body must be a JSON object, got %s", typeErr.Value)
		}
		return fmt.Sprintf("Field %q must be %s, got %s", typeErr.Field, jsonKind(typeErr.Type), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("Request body is not valid JSON (at byte %d): %s", syntaxErr.Offset, strings.TrimPrefix(msg, "json: "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "Request body is not valid JSON: unexpected end of input"
	case strings.Contains(msg, "unknown field") || strings.Contains(msg, "unknown object member"):
		name := "?"
		if m := quotedName.FindStringSubmatch(msg); m != nil {
			name = m[1]
		}
		return fmt.Sprintf("Unknown field %q in request body; accepted fields: %s", name, describeFields(reflect.TypeOf(dst)))
	}
	return "Invalid request body: " + strings.TrimPrefix(msg, "json: ")
}

// jsonKind names a Go type the way a JSON client thinks of it.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// describeFields renders a request type as a compact field list, e.g.
// "jobId, candidate{firstName, lastName, email, phone}, documents[{type, name, data}]",
// so an unknown-field error tells the caller what it may send.
func describeFields(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var parts []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct:
			name += "{" + describeFields(ft) + "}"
		case ft.Kind() == reflect.Slice && structElem(ft) != nil:
			name += "[{" + describeFields(structElem(ft)) + "}]"
		}
		parts = append(parts, name)
	}
	return strings.Join(parts, ", ")
}

func structElem(t reflect.Type) reflect.Type {
	e := t.Elem()
	for e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	if e.Kind() == reflect.Struct {
		return e
	}
	return nil
}

// field pairs a request field name with whether it is missing.
type field struct {
	name    string
	missing bool
}

// firstMissing names the first missing required field ("" when all are
// present), in the order the caller lists them.
func firstMissing(fields ...field) string {
	for _, f := range fields {
		if f.missing {
			return fmt.Sprintf("Field %q is required", f.name)
		}
	}
	return ""
}
