package jointest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedNow is the clock of most tests, so timestamps are predictable.
var fixedNow = time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC)

// testClock is a settable clock for expiry and rate-limit tests.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	s := NewServer(opts)
	t.Cleanup(s.Close)
	return s
}

// reqOpt tweaks a test request.
type reqOpt func(*http.Request)

func withToken(tok string) reqOpt {
	return func(r *http.Request) {
		if tok == "" {
			r.Header.Del("Authorization")
			return
		}
		r.Header.Set("Authorization", tok)
	}
}

func withHeader(k, v string) reqOpt { return func(r *http.Request) { r.Header.Set(k, v) } }

// noRedirect keeps 302s visible to the test.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// do sends one request to the fake. body may be nil, a string or []byte
// (sent as is) or any value (JSON-encoded). path is relative to URL() and may
// carry a query.
func do(t *testing.T, s *Server, method, path string, body any, opts ...reqOpt) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, s.URL()+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", s.Token())
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := noRedirect.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, data
}

func decode[T any](t *testing.T, data []byte) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(data, &v), "body: %s", data)
	return v
}

// wantError checks a JOIN error answer and returns its message.
func wantError(t *testing.T, resp *http.Response, body []byte, status int, typ string) string {
	t.Helper()
	require.Equal(t, status, resp.StatusCode, "body: %s", body)
	var e errorBody
	require.NoError(t, json.Unmarshal(body, &e), "body: %s", body)
	assert.Equal(t, typ, e.Error.Type)
	assert.NotEmpty(t, e.Error.Message)
	return e.Error.Message
}

func TestRoutes_EveryOperationIsServed(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	require.Len(t, joinclient.Routes, 27)
	for _, r := range joinclient.Routes {
		ids := make([]joinclient.ID, strings.Count(r.Path, "{"))
		for i := range ids {
			ids[i] = 99999999
		}
		resp, body := do(t, s, r.Method, r.Expand(ids...), nil)
		assert.NotContains(t, string(body), "No route", "%s %s", r.Method, r.Path)
		assert.Less(t, resp.StatusCode, 500, "%s %s", r.Method, r.Path)
		log := s.Requests()
		assert.Equal(t, r.Op, log[len(log)-1].Op, "%s %s", r.Method, r.Path)
	}
}

func TestAuth(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{Token: "secret-token"})
	resp, _ := do(t, s, "GET", "/jobs", nil)
	assert.Equal(t, 200, resp.StatusCode)

	resp, body := do(t, s, "GET", "/jobs", nil, withToken("Bearer secret-token"))
	assert.Contains(t, wantError(t, resp, body, 401, "UNAUTHORIZED"), "Bearer")

	resp, body = do(t, s, "GET", "/jobs", nil, withToken("wrong"))
	wantError(t, resp, body, 401, "UNAUTHORIZED")

	resp, body = do(t, s, "GET", "/jobs", nil, withToken(""))
	wantError(t, resp, body, 401, "UNAUTHORIZED")

	assert.Equal(t, "secret-token", s.Token())
	assert.True(t, strings.HasPrefix(s.URL(), "http://127.0.0.1:"))
	assert.True(t, strings.HasSuffix(s.URL(), "/v2"))
}

func TestDefaultToken(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{Empty: true})
	assert.Equal(t, DefaultToken, s.Token())
}

func TestUnknownPaths(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	resp, body := do(t, s, "GET", "/nope", nil)
	wantError(t, resp, body, 404, "NOT_FOUND")

	// A known path with a method JOIN does not serve.
	resp, body = do(t, s, "PUT", "/jobs/3001", nil)
	assert.Contains(t, wantError(t, resp, body, 404, "NOT_FOUND"), "GET")

	// Outside /v2.
	req, _ := http.NewRequest("GET", strings.TrimSuffix(s.URL(), "/v2")+"/jobs", nil)
	req.Header.Set("Authorization", s.Token())
	r2, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	b2, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	assert.Contains(t, wantError(t, r2, b2, 404, "NOT_FOUND"), "/v2")
	log := s.Requests()
	assert.Equal(t, "/jobs", log[len(log)-1].FullPath)
	assert.Empty(t, log[len(log)-1].Op)

	// A non-integer id is a client bug worth a clear 400.
	resp, body = do(t, s, "GET", "/jobs/abc", nil)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "jobId")
}

func TestStrictBodies(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	resp, body := do(t, s, "PATCH", "/jobs/3001", `{"titel":"x"}`)
	msg := wantError(t, resp, body, 400, "VALIDATION_ERROR")
	assert.Contains(t, msg, `"titel"`)
	assert.Contains(t, msg, "title")

	// Nested unknown field: phoneNumber is the read name, the request says phone.
	resp, body = do(t, s, "POST", "/applications", `{"jobId":3001,"candidate":{"firstName":"A","lastName":"B","email":"a@example.com","phoneNumber":"+49 30 123456"}}`)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "phoneNumber")

	resp, body = do(t, s, "PATCH", "/jobs/3001", `{"officeId":"2001"}`)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "officeId")

	resp, body = do(t, s, "PATCH", "/jobs/3001", `{"title":"x"} {"title":"y"}`)
	wantError(t, resp, body, 400, "VALIDATION_ERROR")

	resp, body = do(t, s, "PATCH", "/jobs/3001", `{"title":`)
	wantError(t, resp, body, 400, "VALIDATION_ERROR")

	resp, body = do(t, s, "PATCH", "/jobs/3001", `["title"]`)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "object")

	resp, body = do(t, s, "PATCH", "/jobs/3001", `{"title":"x"}`, withHeader("Content-Type", "text/plain"))
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "Content-Type")

	resp, body = do(t, s, "POST", "/offices", nil)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "required")
}

func TestStrictQuery(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	resp, body := do(t, s, "GET", "/applications?page_size=10", nil)
	assert.Contains(t, wantError(t, resp, body, 400, "VALIDATION_ERROR"), "page_size")
	resp, body = do(t, s, "GET", "/applications?page=1&page=2", nil)
	wantError(t, resp, body, 400, "VALIDATION_ERROR")
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: fixedNow}
	s := newServer(t, Options{Now: clock.Now})
	s.SetRateLimit(3, 10*time.Second, true)
	for i := 2; i >= 0; i-- {
		resp, _ := do(t, s, "GET", "/offices", nil)
		require.Equal(t, 200, resp.StatusCode)
		assert.Equal(t, "3", resp.Header.Get("X-Ratelimit-Limit"))
		assert.Equal(t, strconv.Itoa(i), resp.Header.Get("X-Ratelimit-Remaining"))
		assert.Equal(t, "10", resp.Header.Get("X-Ratelimit-Reset"))
	}
	clock.Advance(3500 * time.Millisecond)
	resp, body := do(t, s, "GET", "/offices", nil)
	wantError(t, resp, body, 429, "RATE_LIMIT_EXCEEDED")
	assert.Equal(t, "0", resp.Header.Get("X-Ratelimit-Remaining"))
	assert.Equal(t, "7", resp.Header.Get("X-Ratelimit-Reset"))
	assert.Equal(t, "7", resp.Header.Get("Retry-After"))
	log := s.Requests()
	assert.Equal(t, "rate-limited", log[len(log)-1].Fault)
	assert.Equal(t, 429, log[len(log)-1].Status)

	// Another token has its own window.
	s.AddTenant("other", false)
	resp, _ = do(t, s, "GET", "/offices", nil, withToken("other"))
	assert.Equal(t, 200, resp.StatusCode)

	clock.Advance(7 * time.Second)
	resp, _ = do(t, s, "GET", "/offices", nil)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "2", resp.Header.Get("X-Ratelimit-Remaining"))

	// Without Retry-After; ResetRateLimit starts a fresh window.
	s.SetRateLimit(1, time.Minute, false)
	do(t, s, "GET", "/offices", nil)
	resp, _ = do(t, s, "GET", "/offices", nil)
	assert.Equal(t, 429, resp.StatusCode)
	assert.Empty(t, resp.Header.Get("Retry-After"))
	s.ResetRateLimit()
	resp, _ = do(t, s, "GET", "/offices", nil)
	assert.Equal(t, 200, resp.StatusCode)

	s.SetRateLimit(0, 0, false)
	resp, _ = do(t, s, "GET", "/offices", nil)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Empty(t, resp.Header.Get("X-Ratelimit-Limit"))
}

func TestFailNext(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	s.FailNext(2, 503)
	for range 2 {
		resp, body := do(t, s, "GET", "/jobs", nil)
		wantError(t, resp, body, 503, "INTERNAL_ERROR")
	}
	resp, _ := do(t, s, "GET", "/jobs", nil)
	assert.Equal(t, 200, resp.StatusCode)

	// A failed write is not applied.
	before := len(s.Store(s.Token()).Offices())
	s.FailNext(1, 502)
	resp, body := do(t, s, "POST", "/offices", map[string]any{"countryIso": "DE", "city": "Köln"})
	wantError(t, resp, body, 502, "INTERNAL_ERROR")
	assert.Len(t, s.Store(s.Token()).Offices(), before)

	log := s.Requests()
	assert.Equal(t, "status 502", log[len(log)-1].Fault)
	assert.Equal(t, 502, log[len(log)-1].Status)
	assert.Equal(t, "status 503", log[0].Fault)
}

func TestFaultAfterHandling(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	before := len(s.Store(s.Token()).Offices())
	s.InjectFault(Fault{Kind: FaultStatus, Status: 500, Method: "POST", Op: joinclient.OpCreateOffice, AfterHandling: true})

	// Not matching the filter: untouched.
	resp, _ := do(t, s, "GET", "/offices", nil)
	assert.Equal(t, 200, resp.StatusCode)

	resp, body := do(t, s, "POST", "/offices", map[string]any{"countryIso": "DE", "city": "Köln"})
	wantError(t, resp, body, 500, "INTERNAL_ERROR")
	assert.Len(t, s.Store(s.Token()).Offices(), before+1, "the write went through although the answer was 500")
	log := s.Requests()
	assert.Equal(t, "status 500 after applying", log[len(log)-1].Fault)
}

func TestMalformedNext(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	s.MalformedNext(1)
	resp, body := do(t, s, "GET", "/applications", nil)
	assert.Equal(t, 200, resp.StatusCode)
	var v any
	assert.Error(t, json.Unmarshal(body, &v))
	resp, body = do(t, s, "GET", "/applications", nil)
	assert.Equal(t, 200, resp.StatusCode)
	assert.NoError(t, json.Unmarshal(body, &v))
}

func TestDropNext(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	s.DropNext(1)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	req, _ := http.NewRequest("GET", s.URL()+"/jobs", nil)
	req.Header.Set("Authorization", s.Token())
	_, err := client.Do(req)
	require.Error(t, err)

	resp, err := client.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)

	log := s.Requests()
	require.Len(t, log, 2)
	assert.Equal(t, "drop", log[0].Fault)
	assert.Equal(t, 0, log[0].Status)
}

func TestLatency(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{Latency: 30 * time.Millisecond})
	start := time.Now()
	do(t, s, "GET", "/offices", nil)
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)

	s.SetLatency(0)
	s.InjectFault(Fault{Kind: FaultDelay, Delay: 40 * time.Millisecond})
	start = time.Now()
	resp, _ := do(t, s, "GET", "/offices", nil)
	assert.Equal(t, 200, resp.StatusCode)
	assert.GreaterOrEqual(t, time.Since(start), 40*time.Millisecond)
}

func TestCloseReleasesSlowRequests(t *testing.T) {
	t.Parallel()
	s := NewServer(Options{Latency: time.Hour})
	done := make(chan struct{})
	go func() {
		defer close(done)
		req, _ := http.NewRequest("GET", s.URL()+"/jobs", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(50 * time.Millisecond)
	s.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not release a request waiting on latency")
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	do(t, s, "GET", "/applications?jobId=3001&pageSize=5", nil)
	do(t, s, "POST", "/candidates/50001/notes", map[string]string{"content": "hello"}, withHeader("X-Test", "1"))
	log := s.Requests()
	require.Len(t, log, 2)
	assert.Equal(t, "GET", log[0].Method)
	assert.Equal(t, "/applications", log[0].Path)
	assert.Equal(t, "/v2/applications", log[0].FullPath)
	assert.Equal(t, "3001", log[0].Query.Get("jobId"))
	assert.Equal(t, s.Token(), log[0].Token)
	assert.Equal(t, joinclient.OpListApplications, log[0].Op)
	assert.Equal(t, 200, log[0].Status)
	assert.Equal(t, "/candidates/50001/notes", log[1].Path)
	assert.JSONEq(t, `{"content":"hello"}`, string(log[1].Body))
	assert.Equal(t, "1", log[1].Header.Get("X-Test"))
	assert.Equal(t, 201, log[1].Status)

	// Copies: changing them does not change the log.
	log[0].Query.Set("jobId", "1")
	assert.Equal(t, "3001", s.Requests()[0].Query.Get("jobId"))

	s.ResetRequests()
	assert.Empty(t, s.Requests())
}

func TestRequestLogBound(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{MaxLoggedRequests: 3})
	for i := range 5 {
		do(t, s, "GET", fmt.Sprintf("/jobs?page=%d", i+1), nil)
	}
	log := s.Requests()
	require.Len(t, log, 3)
	assert.Equal(t, "3", log[0].Query.Get("page"))
}

func TestTenantIsolation(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	s.AddTenant("tenant-b", true)
	s.AddTenant("tenant-c", false)

	a, b, c := s.Store(s.Token()), s.Store("tenant-b"), s.Store("tenant-c")
	require.NotNil(t, b)
	assert.Nil(t, s.Store("nobody"))
	assert.Equal(t, "Acme Robotics GmbH", a.Company())
	assert.NotEqual(t, a.Company(), b.Company())
	assert.NotEqual(t, a.Offices()[0].Name, b.Offices()[0].Name)
	assert.Empty(t, c.Jobs())

	bJob := b.Jobs()[0]
	assert.Greater(t, int64(bJob.ID), int64(tenantIDOffset))
	resp, body := do(t, s, "GET", "/jobs/"+bJob.ID.String(), nil)
	wantError(t, resp, body, 404, "NOT_FOUND")
	resp, body = do(t, s, "GET", "/jobs/"+bJob.ID.String(), nil, withToken("tenant-b"))
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, bJob.Title, decode[jobJSON](t, body).Title)

	resp, body = do(t, s, "GET", "/offices", nil, withToken("tenant-c"))
	require.Equal(t, 200, resp.StatusCode)
	assert.JSONEq(t, "[]", string(body))

	// Writes stay in their tenant.
	resp, body = do(t, s, "POST", "/offices", map[string]any{"countryIso": "at", "city": "Graz"}, withToken("tenant-c"))
	require.Equal(t, 201, resp.StatusCode, "%s", body)
	assert.Len(t, c.Offices(), 1)
	assert.Len(t, a.Offices(), 5)
	assert.Len(t, b.Offices(), 5)

	// Different tenants' candidates differ.
	assert.NotEqual(t, a.Candidates()[0].Email, b.Candidates()[0].Email)

	// Adding an existing token keeps its data.
	s.AddTenant("tenant-c", true)
	assert.Len(t, s.Store("tenant-c").Jobs(), 0)
}

// TestConcurrentUse runs reads, writes, fault toggles and log reads in
// parallel; its value is under -race.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 10 {
				email := fmt.Sprintf("parallel-%d-%d@example.com", i, k)
				body, _ := json.Marshal(map[string]any{"jobId": 3001, "candidate": map[string]any{"firstName": "P", "lastName": "Q", "email": email}})
				req, _ := http.NewRequest("POST", s.URL()+"/applications", bytes.NewReader(body))
				req.Header.Set("Authorization", s.Token())
				req.Header.Set("Content-Type", "application/json")
				if resp, err := http.DefaultClient.Do(req); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				req, _ = http.NewRequest("GET", s.URL()+"/applications?jobId=3001&pageSize=50", nil)
				req.Header.Set("Authorization", s.Token())
				if resp, err := http.DefaultClient.Do(req); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				_ = s.Requests()
				if k == 0 {
					_ = s.Store(s.Token()).Files()
				}
				s.SetLatency(0)
			}
		}()
	}
	wg.Wait()
	assert.Len(t, s.Store(s.Token()).ApplicationsForJob(3001), 44+80)
}

func TestDescribeFields(t *testing.T) {
	t.Parallel()
	got := describeFields(reflect.TypeFor[applicationInput]())
	assert.Equal(t, "jobId, candidate{firstName, lastName, email, phone}, source, integrationExternalId, documents[{type, name, data}]", got)
}

func TestPaginateHelper(t *testing.T) {
	t.Parallel()
	items := []int{1, 2, 3, 4, 5}
	assert.Equal(t, []int{1, 2}, paginate(items, 1, 2))
	assert.Equal(t, []int{5}, paginate(items, 3, 2))
	assert.Equal(t, []int{}, paginate(items, 4, 2))
}
