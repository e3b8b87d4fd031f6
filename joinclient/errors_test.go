package joinclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestError_joinShape(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		joinError(w, http.StatusNotFound, "NOT_FOUND", "Job with id 7 not found")
	})
	_, resp, err := f.client.Jobs.Get(context.Background(), 7)
	e := requireAPIError(t, err, http.StatusNotFound)
	assert.Equal(t, "NOT_FOUND", e.Type)
	assert.Equal(t, "Job with id 7 not found", e.Message)
	assert.Equal(t, http.MethodGet, e.Method)
	assert.Equal(t, "/jobs/7", e.Path, "path relative to the base URL")
	assert.JSONEq(t, `{"error":{"type":"NOT_FOUND","message":"Job with id 7 not found"}}`, e.Body)
	assert.Equal(t, "JOIN API GET /jobs/7: 404 NOT_FOUND: Job with id 7 not found", e.Error())
	require.NotNil(t, resp, "the response comes back with the error")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestError_nonJSONBody(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodPost, "/offices", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, "  Bad Request: city is missing \n")
	})
	_, _, err := f.client.Offices.Create(context.Background(), &OfficeRequest{City: "Berlin", CountryISO: "DE"})
	e := requireAPIError(t, err, http.StatusBadRequest)
	assert.Equal(t, "Bad Request: city is missing", e.Message)
	assert.Empty(t, e.Type)
	msg := err.Error()
	for _, want := range []string{"POST", "/offices", "400", "city is missing"} {
		assert.Contains(t, msg, want)
	}
}

func TestError_otherJSONAndEmptyBody(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/jobs/1", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusBadRequest, `{"message":"page must be positive"}`)
	})
	f.handle(t, http.MethodGet, "/jobs/2", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusConflict)
	})
	_, _, err := f.client.Jobs.Get(context.Background(), 1)
	e := requireAPIError(t, err, http.StatusBadRequest)
	assert.Contains(t, e.Message, "page must be positive", "a JSON body of another shape is still shown")

	_, _, err = f.client.Jobs.Get(context.Background(), 2)
	e = requireAPIError(t, err, http.StatusConflict)
	assert.Equal(t, "Conflict", e.Message, "an empty body falls back to the status text")
}

func TestError_longBodyCapped(t *testing.T) {
	f := setup(t)
	// 3-byte runes after one byte: a byte cut at 300 would split a rune.
	long := "x" + strings.Repeat("€", 10000)
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, long)
	})
	_, _, err := f.client.Jobs.Get(context.Background(), 7)
	e := requireAPIError(t, err, http.StatusBadGateway)
	assert.Len(t, e.Body, maxErrorBody)
	assert.LessOrEqual(t, len(e.Message), 300+len("…"))
	assert.True(t, strings.HasSuffix(e.Message, "…"))
	assert.True(t, utf8.ValidString(e.Message), "message cut inside a rune")
	assert.Less(t, len(err.Error()), 400)
}

func TestError_predicates(t *testing.T) {
	tests := []struct {
		status                                          int
		notFound, unauthorized, rateLimited, validation bool
	}{
		{http.StatusNotFound, true, false, false, false},
		{http.StatusUnauthorized, false, true, false, false},
		{http.StatusForbidden, false, true, false, false},
		{http.StatusTooManyRequests, false, false, true, false},
		{http.StatusBadRequest, false, false, false, true},
		{http.StatusUnprocessableEntity, false, false, false, true},
		{http.StatusInternalServerError, false, false, false, false},
		{http.StatusConflict, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			// One attempt, so the 429 comes back at once.
			f := setup(t, WithRetryPolicy(RetryPolicy{MaxAttempts: 1}))
			f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
				joinError(w, tt.status, "T", "m")
			})
			_, _, err := f.client.Jobs.Get(context.Background(), 7)
			requireAPIError(t, err, tt.status)
			assert.Equal(t, tt.notFound, IsNotFound(err), "IsNotFound")
			assert.Equal(t, tt.unauthorized, IsUnauthorized(err), "IsUnauthorized")
			assert.Equal(t, tt.rateLimited, IsRateLimited(err), "IsRateLimited")
			assert.Equal(t, tt.validation, IsValidation(err), "IsValidation")
			assert.False(t, IsArgError(err))

			// Wrapped by a caller, everything still works.
			wrapped := fmt.Errorf("tool join_get_job: %w", err)
			var e *Error
			require.True(t, errors.As(wrapped, &e))
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.notFound, IsNotFound(wrapped))
			assert.Equal(t, tt.unauthorized, IsUnauthorized(wrapped))
			assert.Equal(t, tt.validation, IsValidation(wrapped))
		})
	}
	for _, err := range []error{nil, errors.New("x"), &ArgError{Field: "f", Problem: "p"}, context.Canceled} {
		assert.False(t, IsNotFound(err) || IsUnauthorized(err) || IsRateLimited(err) || IsValidation(err), "%v", err)
	}
}

func TestError_retryAfterKept(t *testing.T) {
	f := setup(t, WithRetryPolicy(RetryPolicy{MaxAttempts: 1}))
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "12")
		joinError(w, http.StatusTooManyRequests, "RATE_LIMIT", "slow down")
	})
	_, _, err := f.client.Jobs.Get(context.Background(), 7)
	e := requireAPIError(t, err, http.StatusTooManyRequests)
	assert.Equal(t, 12*time.Second, e.RetryAfter)
}

func TestArgError(t *testing.T) {
	err := error(&ArgError{Field: "jobId", Problem: "must be a positive integer id, got 0"})
	assert.Equal(t, "invalid jobId: must be a positive integer id, got 0", err.Error())
	assert.True(t, IsArgError(fmt.Errorf("wrapped: %w", err)))
	assert.False(t, IsArgError(errors.New("x")))
	assert.False(t, IsArgError(nil))
}

func TestDo_unreadableJSON(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"id": "seven"`)
	})
	_, _, err := f.client.Jobs.Get(context.Background(), 7)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GET ")
	assert.Contains(t, err.Error(), "/jobs/7")
	assert.Contains(t, err.Error(), "unreadable JSON")
}
