package joinclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Error is a non-2xx answer from JOIN. JOIN's body is
// {"error":{"type":"...","message":"..."}}; when it is not JSON the raw text
// (capped) is kept in Body and used as the message.
type Error struct {
	StatusCode int
	Type       string
	Message    string
	Body       string        // raw body, capped at maxErrorBody
	RetryAfter time.Duration // from Retry-After or x-ratelimit-reset, when sent
	Method     string
	Path       string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "JOIN API %s %s: %d", e.Method, e.Path, e.StatusCode)
	if e.Type != "" {
		b.WriteString(" " + e.Type)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	return b.String()
}

const maxErrorBody = 8 << 10

func newError(resp *http.Response, body []byte, path string) *Error {
	e := &Error{StatusCode: resp.StatusCode, Method: resp.Request.Method, Path: path}
	if len(body) > maxErrorBody {
		body = body[:maxErrorBody]
	}
	e.Body = string(body)
	var shaped struct {
		Error struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &shaped) == nil && (shaped.Error.Type != "" || shaped.Error.Message != "") {
		e.Type, e.Message = shaped.Error.Type, shaped.Error.Message
	} else if text := strings.TrimSpace(e.Body); text != "" {
		if len(text) > 300 {
			// Cut on a rune boundary: the message ends up in JSON tool results.
			cut := 300
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			text = text[:cut] + "…"
		}
		e.Message = text
	} else {
		e.Message = http.StatusText(resp.StatusCode)
	}
	e.RetryAfter = retryAfter(resp.Header, time.Now())
	return e
}

func statusOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.StatusCode
	}
	return 0
}

// IsNotFound reports whether JOIN answered 404.
func IsNotFound(err error) bool { return statusOf(err) == http.StatusNotFound }

// IsUnauthorized reports a rejected token (401) or a token without access (403).
func IsUnauthorized(err error) bool {
	s := statusOf(err)
	return s == http.StatusUnauthorized || s == http.StatusForbidden
}

// IsRateLimited reports a 429 that survived all retries.
func IsRateLimited(err error) bool { return statusOf(err) == http.StatusTooManyRequests }

// IsValidation reports JOIN rejecting the request content (400 or 422).
func IsValidation(err error) bool {
	s := statusOf(err)
	return s == http.StatusBadRequest || s == http.StatusUnprocessableEntity
}

// ArgError is a bad argument caught before any request is sent.
type ArgError struct {
	Field   string
	Problem string
}

func (e *ArgError) Error() string { return "invalid " + e.Field + ": " + e.Problem }

// IsArgError reports whether err is an *ArgError.
func IsArgError(err error) bool {
	var a *ArgError
	return errors.As(err, &a)
}

// ErrTooLarge is returned when a download exceeds the configured size cap.
var ErrTooLarge = errors.New("joinclient: file exceeds the download size limit")

// ErrPageLimit is returned by an iterator that hit its hard page limit.
var ErrPageLimit = errors.New("joinclient: stopped after the maximum number of pages")

func checkID(field string, id ID) error {
	if id < 1 {
		return &ArgError{Field: field, Problem: fmt.Sprintf("must be a positive integer id, got %d", id)}
	}
	return nil
}

func checkRequired(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return &ArgError{Field: field, Problem: "is required"}
	}
	return nil
}
