// Package jointest is an in-memory fake of the JOIN recruiting API v2
// (https://api.join.com/v2), served over real HTTP on 127.0.0.1.
//
// It is used by the tests of joinclient and the tools, and as the backend of
// the product's --sandbox mode, so it is a library: nothing in its API needs a
// testing.T, and every method is safe for concurrent use.
//
// # Starting
//
//	srv := jointest.NewServer(jointest.Options{})
//	defer srv.Close()
//	// srv.URL() is "http://127.0.0.1:<port>/v2", srv.Token() the API token.
//
// Options.Now fixes the clock (seed timestamps are relative to it, so "this
// week" always has applications), Options.Empty skips the demo data,
// Options.SeparateFileHost serves pre-signed file URLs from a second listener
// on a different host name, and AddTenant adds another company with its own
// token and data.
//
// # Routing
//
// The 27 operations are served from joinclient.Routes, the one route table
// of the client: correcting a path there moves the fake too. Wire decisions
// where the public knowledge is GUESSED are documented next to the handlers;
// the summary:
//
//   - Authorization is the raw token; "Bearer <token>" is rejected with 401.
//   - Errors are {"error":{"type":T,"message":M}} with T one of UNAUTHORIZED,
//     NOT_FOUND, VALIDATION_ERROR, RATE_LIMIT_EXCEEDED, INTERNAL_ERROR.
//   - Request bodies are decoded strictly (unknown fields, wrong types,
//     missing required fields and bad enum values answer 400 naming the
//     field) and must be sent as application/json. Unknown query parameters
//     answer 400 too: both catch client bugs that a lenient server hides.
//   - Lists are bare JSON arrays paginated by page (>= 1) and pageSize
//     (1..50, default 50).
//   - A non-integer id in a path answers 400; an unknown id 404. A known path
//     with the wrong method answers 404 as well (JOIN's error types have no
//     "method not allowed").
//   - The lookup lists (categories, employment types, seniority levels) are
//     JOIN-wide, not per company, and exist even with Options.Empty.
//
// # Inspection and faults
//
// Requests and FileRequests return the request log (ResetRequests empties
// it). Store(token) returns a tenant's state; its accessors (Offices, Office,
// Jobs, Job, Candidates, Candidate, CandidateByEmail, Applications,
// ApplicationsForJob, Application, Notes, AllNotes, Files, File) return
// copies, and SetHiringState changes what the API cannot.
//
// Faults apply to API requests (under /v2) and are recorded in the log:
// FailNext(n, status), MalformedNext(n) and DropNext(n) answer before the
// request is handled, so a failed write is never applied; InjectFault takes
// a Fault that can also be narrowed to a method or operation, delay a
// request, or hit after the write was applied (AfterHandling). SetRateLimit
// adds a fixed-window limit per token with x-ratelimit-* headers;
// ResetRateLimit starts fresh windows. SetLatency delays every request.
//
// # Files
//
// Every attachment has an id. GET /attachments/{id} redirects (302) and GET
// /applicationFiles/{id} answers JSON with a pre-signed URL
// (/files/{id}/{name}?expires=&signature=) that needs no token and expires
// after Options.FileURLTTL. The documents are genuine: PDF 1.4 CVs with
// extractable text, DOCX and TXT cover letters, built deterministically from
// the seed data on first use.
//
// # Demo data
//
// The default tenant is "Acme Robotics GmbH": 5 offices (ids 2001-2005,
// Berlin HQ default), 12 jobs (3001-3012; 3001 "Backend Engineer (Go)" has
// 44 applications), 132 applications (70001-), about 110 candidates
// (50001-), notes (90001-) and files (200001-). Other tenants use the same
// ranges offset by 10,000,000 per tenant. Some cover letters carry
// prompt-injection attempts and invisible Unicode on purpose.
package jointest

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/join-mcp/join-mcp/joinclient"
)

// DefaultToken is the token of the default tenant when Options.Token is empty.
const DefaultToken = "sandbox-token"

const (
	apiPrefix   = "/v2"
	filesPrefix = "/files/"

	defaultMaxLogged = 10000
	defaultFileTTL   = time.Hour
	maxBodyBytes     = 20 << 20 // JOIN's documents are base64 in JSON; leave room for a few MB of files
)

// Options configure NewServer. The zero value is a seeded fake with the token
// DefaultToken.
type Options struct {
	// Token is the API token of the default tenant; default DefaultToken.
	Token string
	// Empty starts the default tenant without demo data (no offices, jobs,
	// applications). The JOIN-wide lookup lists are always there.
	Empty bool
	// Now is the clock for seed timestamps, writes, rate-limit windows and
	// file URL expiry; default time.Now. It must be safe for concurrent use.
	Now func() time.Time
	// Latency is added to every request (API and file downloads).
	Latency time.Duration
	// SeparateFileHost serves pre-signed file URLs from a second listener
	// whose URLs use the host name "localhost" instead of "127.0.0.1". A
	// different host name (not only a different port) is what clients and
	// Go's redirect logic compare before sending credentials, so client
	// tests can check that the token never reaches the file host.
	SeparateFileHost bool
	// FileURLTTL is how long pre-signed file URLs stay valid; default 1h.
	FileURLTTL time.Duration
	// MaxLoggedRequests bounds each request log (API and files); the oldest
	// entries are dropped first. Default 10000; negative means unbounded. The
	// bound keeps a long-running --sandbox process from growing forever.
	MaxLoggedRequests int
}

// Request is one entry of the request log.
type Request struct {
	Time time.Time // by Options.Now
	// Method and Path as the client sees them relative to the base URL
	// (URL()), e.g. "/jobs/3001". For requests outside /v2 Path is the full
	// path as received; FullPath always is.
	Method   string
	Path     string
	FullPath string
	Host     string
	Query    url.Values
	Body     []byte
	// Token is the raw Authorization header value ("" when absent).
	Token  string
	Header http.Header
	// Op is the operation the request was routed to ("" when none matched).
	Op joinclient.Operation
	// Status is the status answered; 0 while in flight or when the
	// connection was dropped.
	Status int
	// Fault names the injected behaviour, if any: "rate-limited",
	// "status 503", "malformed", "drop", "delay 2s"; " after applying" is
	// appended when the fault hit after the request was handled.
	Fault string
}

// Server is a running fake. Create it with NewServer and stop it with Close.
type Server struct {
	opts     Options
	now      func() time.Time
	signKey  []byte
	routes   []compiledRoute
	api      *httptest.Server
	files    *httptest.Server // nil unless Options.SeparateFileHost
	fileBase string           // scheme://host:port of pre-signed URLs
	closing  chan struct{}
	closed   sync.Once

	mu          sync.Mutex
	tenants     map[string]*tenant
	tenantOrder []*tenant
	log         []*Request
	fileLog     []*Request
	faults      []*Fault
	latency     time.Duration
	rl          *rateLimiter
	seq         int64
}

type tenant struct {
	index int
	token string
	store *Store
}

// NewServer seeds the default tenant and starts listening on 127.0.0.1:0.
func NewServer(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.FileURLTTL <= 0 {
		opts.FileURLTTL = defaultFileTTL
	}
	if opts.MaxLoggedRequests == 0 {
		opts.MaxLoggedRequests = defaultMaxLogged
	}
	s := &Server{
		opts:    opts,
		now:     func() time.Time { return opts.Now().UTC() },
		signKey: make([]byte, 32),
		routes:  compileRoutes(),
		closing: make(chan struct{}),
		tenants: map[string]*tenant{},
		latency: opts.Latency,
	}
	// A fresh key per server: a URL signed by one fake never validates on
	// another, like links of different JOIN environments.
	_, _ = rand.Read(s.signKey)
	s.AddTenant(opts.Token, !opts.Empty)

	s.api = httptest.NewUnstartedServer(http.HandlerFunc(s.serveAPI))
	// The product's stdout carries the MCP protocol; keep net/http quiet.
	s.api.Config.ErrorLog = log.New(io.Discard, "", 0)
	if opts.SeparateFileHost {
		s.files = httptest.NewUnstartedServer(http.HandlerFunc(s.serveFile))
		s.files.Config.ErrorLog = log.New(io.Discard, "", 0)
		s.files.Start()
		u, _ := url.Parse(s.files.URL)
		s.fileBase = "http://localhost:" + u.Port()
	}
	if s.files == nil {
		s.fileBase = "http://" + s.api.Listener.Addr().String()
	}
	s.api.Start()
	return s
}

// URL is the base URL including the /v2 prefix, e.g. http://127.0.0.1:1234/v2.
func (s *Server) URL() string { return s.api.URL + apiPrefix }

// Token is the default tenant's API token.
func (s *Server) Token() string { return s.opts.Token }

// FileBaseURL is the scheme://host:port that pre-signed file URLs point to:
// the API listener, or the second listener with Options.SeparateFileHost.
func (s *Server) FileBaseURL() string { return s.fileBase }

// Close stops the listeners; requests waiting on latency return at once.
func (s *Server) Close() {
	s.closed.Do(func() {
		close(s.closing)
		s.api.Close()
		if s.files != nil {
			s.files.Close()
		}
	})
}

// AddTenant adds another company reachable with token, with its own
// independent data. Seeded tenants get the demo data with a different company
// name, office names and candidates, and every id offset by 10,000,000 per
// tenant, so isolation tests can tell them apart. Adding an existing token
// does nothing.
func (s *Server) AddTenant(token string, seeded bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.tenants[token]; ok {
		return
	}
	t := &tenant{index: len(s.tenantOrder), token: token}
	t.store = newStore(t.index, s.now)
	if seeded {
		seedStore(t.store, s.now())
	}
	s.tenants[token] = t
	s.tenantOrder = append(s.tenantOrder, t)
}

// Store returns the state of the tenant owning token, or nil if no tenant has
// that token.
func (s *Server) Store(token string) *Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tenants[token]; t != nil {
		return t.store
	}
	return nil
}

// Requests returns a copy of the API request log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyLog(s.log)
}

// FileRequests returns a copy of the log of pre-signed file downloads. A
// non-empty Token means an Authorization header reached the file host.
func (s *Server) FileRequests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyLog(s.fileLog)
}

// ResetRequests empties both request logs.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
	s.fileLog = nil
}

// SetLatency changes the delay added to every request.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

func copyLog(in []*Request) []Request {
	out := make([]Request, len(in))
	for i, r := range in {
		c := *r
		c.Query = cloneValues(r.Query)
		c.Header = r.Header.Clone()
		c.Body = bytes.Clone(r.Body)
		out[i] = c
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

func (s *Server) record(list *[]*Request, r *Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	*list = append(*list, r)
	if limit := s.opts.MaxLoggedRequests; limit > 0 && len(*list) > limit {
		*list = slices.Delete(*list, 0, len(*list)-limit)
	}
}

func (s *Server) finish(r *Request, status int, fault string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.Status = status
	if fault != "" {
		r.Fault = fault
	}
}

// ---------------------------------------------------------------------------
// Faults

// FaultKind says what an injected fault does.
type FaultKind int

const (
	// FaultStatus answers Fault.Status with a JOIN error body.
	FaultStatus FaultKind = iota + 1
	// FaultMalformed answers 200 with a body that is not valid JSON.
	FaultMalformed
	// FaultDrop closes the connection without answering. Note that Go's
	// http.Transport silently retries an idempotent request (GET) once when
	// a reused keep-alive connection closes before any response; a test that
	// wants a GET to see the drop should inject two drops or use a transport
	// without keep-alives.
	FaultDrop
	// FaultDelay waits Fault.Delay, then handles the request normally.
	FaultDelay
)

// Fault describes an injected failure for the next Count matching API
// requests. Method and Op narrow which requests match ("" matches any).
type Fault struct {
	Kind   FaultKind
	Status int           // FaultStatus
	Delay  time.Duration // FaultDelay
	Count  int           // matching requests affected; <= 0 means 1
	Method string
	Op     joinclient.Operation
	// AfterHandling runs the request normally first (a write IS applied)
	// and then answers with the fault instead of the real response: the
	// "did my POST go through?" case that clients must not retry blindly.
	// FailNext, MalformedNext and DropNext answer before handling, so their
	// writes are never applied.
	AfterHandling bool
}

// InjectFault queues f. Faults are consumed in the order they were injected;
// the first queued fault matching a request applies.
func (s *Server) InjectFault(f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults drops all queued faults.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// FailNext answers the next n API requests with status and a JOIN error body,
// without handling them.
func (s *Server) FailNext(n int, status int) {
	s.InjectFault(Fault{Kind: FaultStatus, Status: status, Count: n})
}

// MalformedNext answers the next n API requests with 200 and broken JSON.
func (s *Server) MalformedNext(n int) {
	s.InjectFault(Fault{Kind: FaultMalformed, Count: n})
}

// DropNext closes the connection of the next n API requests without an
// answer. See FaultDrop for Go's transparent retry of GETs.
func (s *Server) DropNext(n int) {
	s.InjectFault(Fault{Kind: FaultDrop, Count: n})
}

func (s *Server) takeFault(method string, op joinclient.Operation) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if (f.Method != "" && !strings.EqualFold(f.Method, method)) || (f.Op != "" && f.Op != op) {
			continue
		}
		f.Count--
		if f.Count <= 0 {
			s.faults = slices.Delete(s.faults, i, i+1)
		}
		c := *f
		return &c
	}
	return nil
}

func (f *Fault) describe() string {
	var d string
	switch f.Kind {
	case FaultStatus:
		d = "status " + strconv.Itoa(f.Status)
	case FaultMalformed:
		d = "malformed"
	case FaultDrop:
		d = "drop"
	case FaultDelay:
		d = "delay " + f.Delay.String()
	default:
		d = "unknown fault"
	}
	if f.AfterHandling && f.Kind != FaultDelay {
		d += " after applying"
	}
	return d
}

// malformedBody looks like the start of a real answer cut off mid-string, the
// way a proxy timeout truncates a response.
const malformedBody = `[{"id":3001,"title":"Backend Engineer (Go)","status":"ONL`

// ---------------------------------------------------------------------------
// Rate limiting

type rateLimiter struct {
	limit      int
	window     time.Duration
	retryAfter bool
	windows    map[string]*rateWindow // per Authorization header value
}

type rateWindow struct {
	start time.Time
	count int
}

// SetRateLimit enables a fixed-window limit of limit requests per window for
// each token (Authorization value); limit <= 0 disables it. While enabled,
// every API response carries x-ratelimit-limit, x-ratelimit-remaining and
// x-ratelimit-reset (whole seconds until the window resets, at least 1);
// requests over the limit answer 429 RATE_LIMIT_EXCEEDED, with Retry-After
// (seconds) only if sendRetryAfter. Windows follow Options.Now, so a test
// with a frozen clock stays limited until it advances the clock or calls
// ResetRateLimit.
func (s *Server) SetRateLimit(limit int, window time.Duration, sendRetryAfter bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if limit <= 0 || window <= 0 {
		s.rl = nil
		return
	}
	s.rl = &rateLimiter{limit: limit, window: window, retryAfter: sendRetryAfter, windows: map[string]*rateWindow{}}
}

// ResetRateLimit starts fresh windows for every token, as if the current
// windows had elapsed.
func (s *Server) ResetRateLimit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rl != nil {
		s.rl.windows = map[string]*rateWindow{}
	}
}

// applyRateLimit sets the rate-limit headers and reports whether the request
// is over the limit (the caller then answers 429).
func (s *Server) applyRateLimit(w http.ResponseWriter, key string) (limited bool, retryAfter int) {
	s.mu.Lock()
	rl := s.rl
	if rl == nil {
		s.mu.Unlock()
		return false, 0
	}
	now := s.now()
	win := rl.windows[key]
	if win == nil || !now.Before(win.start.Add(rl.window)) {
		win = &rateWindow{start: now}
		rl.windows[key] = win
	}
	limited = win.count >= rl.limit
	if !limited {
		win.count++
	}
	remaining := rl.limit - win.count
	reset := int(math.Ceil(win.start.Add(rl.window).Sub(now).Seconds()))
	sendRetry := rl.retryAfter
	limit := rl.limit
	s.mu.Unlock()

	if reset < 1 {
		reset = 1
	}
	h := w.Header()
	h.Set("X-Ratelimit-Limit", strconv.Itoa(limit))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Ratelimit-Reset", strconv.Itoa(reset))
	if limited && sendRetry {
		h.Set("Retry-After", strconv.Itoa(reset))
	}
	return limited, reset
}

// ---------------------------------------------------------------------------
// Routing

type compiledRoute struct {
	route   joinclient.Route
	segs    []string // literal segments; "" marks a placeholder
	names   []string // placeholder names, by segment index ("" for literals)
	handler handlerFunc
	literal int // number of literal segments; more literal wins
}

// handlers maps every operation of joinclient.Routes to its implementation.
// compileRoutes panics when an operation has no handler, so a new route in
// the table cannot silently go unserved.
var handlers = map[joinclient.Operation]handlerFunc{
	joinclient.OpListJobs:                     handleListJobs,
	joinclient.OpCreateJob:                    handleCreateJob,
	joinclient.OpGetJob:                       handleGetJob,
	joinclient.OpUpdateJob:                    handleUpdateJob,
	joinclient.OpChangeJobStatus:              handleChangeJobStatus,
	joinclient.OpActivateJob:                  handleActivateJob,
	joinclient.OpArchiveJob:                   handleArchiveJob,
	joinclient.OpListApplications:             handleListApplications,
	joinclient.OpCreateApplication:            handleCreateApplication,
	joinclient.OpGetApplication:               handleGetApplication,
	joinclient.OpDeleteApplication:            handleDeleteApplication,
	joinclient.OpUpdateApplicationTags:        handleUpdateApplicationTags,
	joinclient.OpUpdateApplicationIntegration: handleUpdateApplicationIntegration,
	joinclient.OpListCategories:               handleListCategories,
	joinclient.OpListEmploymentTypes:          handleListEmploymentTypes,
	joinclient.OpListSeniorityLevels:          handleListSeniorityLevels,
	joinclient.OpListOffices:                  handleListOffices,
	joinclient.OpCreateOffice:                 handleCreateOffice,
	joinclient.OpGetOffice:                    handleGetOffice,
	joinclient.OpUpdateOffice:                 handleUpdateOffice,
	joinclient.OpCreateCandidateNote:          handleCreateNote,
	joinclient.OpListCandidateNotes:           handleListNotes,
	joinclient.OpUpdateCandidateNote:          handleUpdateNote,
	joinclient.OpDeleteCandidateNote:          handleDeleteNote,
	joinclient.OpUpdateCandidate:              handleUpdateCandidate,
	joinclient.OpGetAttachment:                handleGetAttachment,
	joinclient.OpGetApplicationFile:           handleGetApplicationFile,
}

func compileRoutes() []compiledRoute {
	out := make([]compiledRoute, 0, len(joinclient.Routes))
	for _, r := range joinclient.Routes {
		h := handlers[r.Op]
		if h == nil {
			panic("jointest: no handler for operation " + string(r.Op))
		}
		cr := compiledRoute{route: r, handler: h}
		for _, seg := range strings.Split(strings.Trim(r.Path, "/"), "/") {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				cr.segs = append(cr.segs, "")
				cr.names = append(cr.names, seg[1:len(seg)-1])
				continue
			}
			cr.segs = append(cr.segs, seg)
			cr.names = append(cr.names, "")
			cr.literal++
		}
		out = append(out, cr)
	}
	return out
}

type routeMatch struct {
	route   *compiledRoute
	params  map[string]string
	allowed []string // methods serving the path when the method did not match
}

func (s *Server) match(method, path string) routeMatch {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	var best routeMatch
	for i := range s.routes {
		cr := &s.routes[i]
		params, ok := cr.matchPath(segs)
		if !ok {
			continue
		}
		if cr.route.Method != method {
			best.allowed = append(best.allowed, cr.route.Method)
			continue
		}
		if best.route == nil || cr.literal > best.route.literal {
			best.route, best.params = cr, params
		}
	}
	return best
}

func (cr *compiledRoute) matchPath(segs []string) (map[string]string, bool) {
	if len(segs) != len(cr.segs) {
		return nil, false
	}
	var params map[string]string
	for i, seg := range segs {
		if cr.names[i] == "" {
			if seg != cr.segs[i] {
				return nil, false
			}
			continue
		}
		if seg == "" {
			return nil, false
		}
		if params == nil {
			params = map[string]string{}
		}
		params[cr.names[i]] = seg
	}
	return params, true
}

// ---------------------------------------------------------------------------
// Serving

func (s *Server) currentLatency() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.latency
}

// sleep waits d unless the request is cancelled or the server closes; it
// reports whether the full delay elapsed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.closing:
		return false
	}
}

func (s *Server) nextRequestID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return fmt.Sprintf("req-%06d", s.seq)
}

func (s *Server) tenantFor(token string) *tenant {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tenants[token]
}

// statusWriter remembers the status for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// discardWriter swallows the real response of a fault with AfterHandling.
type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	if s.files == nil && strings.HasPrefix(r.URL.Path, filesPrefix) {
		s.serveFile(w, r)
		return
	}
	body, readErr := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	rel, inAPI := strings.CutPrefix(r.URL.Path, apiPrefix)
	if inAPI && rel != "" && !strings.HasPrefix(rel, "/") {
		inAPI = false // e.g. /v2jobs
	}
	if !inAPI {
		rel = r.URL.Path
	}
	entry := &Request{
		Time:     s.now(),
		Method:   r.Method,
		Path:     rel,
		FullPath: r.URL.Path,
		Host:     r.Host,
		Query:    r.URL.Query(),
		Body:     body,
		Token:    r.Header.Get("Authorization"),
		Header:   r.Header.Clone(),
	}
	var m routeMatch
	if inAPI {
		m = s.match(r.Method, rel)
		if m.route != nil {
			entry.Op = m.route.route.Op
		}
	}
	s.record(&s.log, entry)

	sw := &statusWriter{ResponseWriter: w}
	fault := ""
	defer func() { s.finish(entry, sw.status, fault) }()
	sw.Header().Set("X-Request-Id", s.nextRequestID())

	if !s.sleep(r.Context(), s.currentLatency()) {
		return
	}
	if !inAPI {
		writeError(sw, http.StatusNotFound, errNotFound, fmt.Sprintf("Path %s not found; all API routes live under %s", r.URL.Path, apiPrefix))
		return
	}
	if limited, reset := s.applyRateLimit(sw, entry.Token); limited {
		fault = "rate-limited"
		writeError(sw, http.StatusTooManyRequests, errRateLimit, fmt.Sprintf("Rate limit exceeded; retry in %d seconds", reset))
		return
	}
	if f := s.takeFault(r.Method, entry.Op); f != nil {
		fault = f.describe()
		if f.Kind == FaultDelay {
			if !s.sleep(r.Context(), f.Delay) {
				return
			}
		} else {
			if f.AfterHandling {
				s.handle(&discardWriter{h: http.Header{}}, r, body, readErr, m)
			}
			s.answerFault(sw, f)
			return
		}
	}
	s.handle(sw, r, body, readErr, m)
}

func (s *Server) answerFault(w *statusWriter, f *Fault) {
	switch f.Kind {
	case FaultStatus:
		status := f.Status
		if status < 100 || status > 999 {
			status = http.StatusInternalServerError
		}
		writeError(w, status, errorTypeFor(status), fmt.Sprintf("Injected failure: %d %s", status, http.StatusText(status)))
	case FaultMalformed:
		w.Header().Set("Content-Type", jsonContentType)
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, malformedBody)
	case FaultDrop:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			// HTTP/2 cannot hijack; the closest is aborting the handler.
			panic(http.ErrAbortHandler)
		}
		_ = conn.Close()
	}
}

// handle authenticates and dispatches one API request.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, body []byte, readErr error, m routeMatch) {
	token := r.Header.Get("Authorization")
	t := s.tenantFor(token)
	if t == nil {
		msg := "Invalid API token"
		switch {
		case token == "":
			msg = "Missing API token: send it in the Authorization header"
		case strings.HasPrefix(strings.ToLower(token), "bearer "):
			msg = "Invalid API token: send the raw token in the Authorization header, without a \"Bearer \" prefix"
		}
		writeError(w, http.StatusUnauthorized, errUnauthorized, msg)
		return
	}
	if m.route == nil {
		msg := fmt.Sprintf("No route %s %s", r.Method, r.URL.Path)
		if len(m.allowed) > 0 {
			msg += "; this path accepts " + strings.Join(m.allowed, ", ")
		}
		writeError(w, http.StatusNotFound, errNotFound, msg)
		return
	}
	if readErr != nil {
		writeError(w, http.StatusBadRequest, errValidation, "Could not read the request body: "+readErr.Error())
		return
	}
	if len(body) > maxBodyBytes {
		writeError(w, http.StatusBadRequest, errValidation, fmt.Sprintf("Request body exceeds %d MB", maxBodyBytes>>20))
		return
	}
	c := &call{s: s, w: w, r: r, t: t, st: t.store, body: body, query: r.URL.Query(), ids: map[string]joinclient.ID{}}
	for _, name := range m.route.names { // in path order, so the first bad one is reported
		if name == "" {
			continue
		}
		raw := m.params[name]
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			c.invalid(fmt.Sprintf("Path parameter %s must be a positive integer, got %q", name, raw))
			return
		}
		c.ids[name] = joinclient.ID(n)
	}
	m.route.handler(c)
}

// found returns the object of m named by the path parameter param, or
// answers 404 ("<what> <id> not found") and returns nil. The caller holds
// the store's lock.
func found[T any](c *call, m map[joinclient.ID]*T, param, what string) *T {
	v := m[c.id(param)]
	if v == nil {
		c.notFound(fmt.Sprintf("%s %d not found", what, c.id(param)))
	}
	return v
}
