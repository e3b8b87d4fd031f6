// Package joinclient is a typed client for the JOIN (join.com) REST API v2.
//
// It follows the shape of google/go-github: a Client with one service per
// resource, ctx first in every method, (T, *Response, error) results and one
// NewRequest/Do pipeline that handles auth, JSON, errors, client-side rate
// limiting and safe retries. Every method and path lives in routes.go.
package joinclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// DefaultBaseURL is JOIN's production API v2.
const DefaultBaseURL = "https://api.join.com/v2"

// Version is reported in the User-Agent; main sets it from the build.
var Version = "dev"

// RetryPolicy bounds retries. JOIN has no idempotency keys, so writes are only
// retried when the request provably was not applied (429, dial failure).
type RetryPolicy struct {
	MaxAttempts int           // total attempts including the first; default 4
	BaseDelay   time.Duration // first backoff; default 500ms
	MaxDelay    time.Duration // cap of one backoff; default 10s
	MaxWait     time.Duration // longest server-requested wait we accept; default 60s
}

// DefaultRetryPolicy is used unless WithRetryPolicy says otherwise.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 4, BaseDelay: 500 * time.Millisecond, MaxDelay: 10 * time.Second, MaxWait: 60 * time.Second}

// Client talks to one JOIN company through its API token.
type Client struct {
	baseURL     *url.URL
	token       string
	http        *http.Client
	userAgent   string
	timeout     time.Duration
	retry       RetryPolicy
	limiter     *rate.Limiter
	inFlight    chan struct{}
	sleep       func(context.Context, time.Duration) error
	maxDownload int64

	Jobs         *JobsService
	Applications *ApplicationsService
	Lookups      *LookupsService
	Offices      *OfficesService
	Candidates   *CandidatesService
	Attachments  *AttachmentsService
}

// Option configures a Client.
type Option func(*Client) error

// WithBaseURL points the client at another API root (a proxy, jointest).
func WithBaseURL(raw string) Option {
	return func(c *Client) error {
		u, err := url.Parse(strings.TrimRight(raw, "/"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("joinclient: base URL %q must be an absolute http(s) URL", raw)
		}
		c.baseURL = u
		return nil
	}
}

// WithHTTPClient sets the HTTP client (for a custom transport or proxy).
// Redirects are handled by joinclient itself so the token never leaves the
// API host, whatever the client's CheckRedirect says.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) error {
		if h == nil {
			return errors.New("joinclient: WithHTTPClient needs a non-nil *http.Client")
		}
		cp := *h
		cp.CheckRedirect = noRedirect
		c.http = &cp
		return nil
	}
}

// WithTimeout bounds one attempt of one request (default 30s).
func WithTimeout(d time.Duration) Option {
	return func(c *Client) error { c.timeout = d; return nil }
}

// WithUserAgent replaces the default "join-mcp/<version>".
func WithUserAgent(ua string) Option { return func(c *Client) error { c.userAgent = ua; return nil } }

// WithRetryPolicy replaces DefaultRetryPolicy; zero fields keep the default.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *Client) error {
		if p.MaxAttempts > 0 {
			c.retry.MaxAttempts = p.MaxAttempts
		}
		if p.BaseDelay > 0 {
			c.retry.BaseDelay = p.BaseDelay
		}
		if p.MaxDelay > 0 {
			c.retry.MaxDelay = p.MaxDelay
		}
		if p.MaxWait > 0 {
			c.retry.MaxWait = p.MaxWait
		}
		return nil
	}
}

// WithRateLimit sets the client-side limit (requests per second and burst).
// rps <= 0 disables it. Default 5/s with a burst of 10.
func WithRateLimit(rps float64, burst int) Option {
	return func(c *Client) error {
		if rps <= 0 {
			c.limiter = nil
			return nil
		}
		c.limiter = rate.NewLimiter(rate.Limit(rps), max(burst, 1))
		return nil
	}
}

// WithMaxInFlight caps concurrent requests (default 4).
func WithMaxInFlight(n int) Option {
	return func(c *Client) error { c.inFlight = make(chan struct{}, max(n, 1)); return nil }
}

// WithSleep replaces the backoff sleep; tests use it so they never wait.
func WithSleep(f func(context.Context, time.Duration) error) Option {
	return func(c *Client) error { c.sleep = f; return nil }
}

// WithMaxDownloadSize caps attachment downloads (default 25 MiB).
func WithMaxDownloadSize(n int64) Option {
	return func(c *Client) error {
		if n <= 0 {
			return fmt.Errorf("joinclient: max download size must be positive, got %d", n)
		}
		// One byte below MaxInt64: the body is read with a limit of n+1 to
		// detect "too large", which must not overflow into "read nothing".
		c.maxDownload = min(n, math.MaxInt64-1)
		return nil
	}
}

// New returns a client for the company that owns token.
func New(token string, opts ...Option) (*Client, error) {
	base, _ := url.Parse(DefaultBaseURL)
	c := &Client{
		baseURL:     base,
		token:       token,
		http:        &http.Client{CheckRedirect: noRedirect},
		userAgent:   "join-mcp/" + Version,
		timeout:     30 * time.Second,
		retry:       DefaultRetryPolicy,
		limiter:     rate.NewLimiter(5, 10),
		inFlight:    make(chan struct{}, 4),
		sleep:       sleepContext,
		maxDownload: 25 << 20,
	}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("joinclient: an API token is required")
	}
	c.Jobs = &JobsService{c}
	c.Applications = &ApplicationsService{c}
	c.Lookups = &LookupsService{c}
	c.Offices = &OfficesService{c}
	c.Candidates = &CandidatesService{c}
	c.Attachments = &AttachmentsService{c}
	return c, nil
}

// BaseURL returns the API root the client talks to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Response wraps the final HTTP response of a call.
type Response struct {
	*http.Response
	Attempts  int
	RateLimit RateLimit
}

// RateLimit is what JOIN's x-ratelimit-* headers said (zero when absent).
type RateLimit struct {
	Limit     int
	Remaining int
	Reset     time.Duration
}

func parseRateLimit(h http.Header) RateLimit {
	var rl RateLimit
	rl.Limit, _ = strconv.Atoi(h.Get("x-ratelimit-limit"))
	rl.Remaining, _ = strconv.Atoi(h.Get("x-ratelimit-remaining"))
	rl.Reset = resetDelay(h.Get("x-ratelimit-reset"), time.Now())
	return rl
}

// resetDelay reads x-ratelimit-reset: seconds to wait, or an epoch time when
// the number is that large (its unit is not documented).
func resetDelay(v string, now time.Time) time.Duration {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f <= 0 {
		return 0
	}
	if f > 1e9 {
		return max(time.Unix(int64(f), 0).Sub(now), 0)
	}
	return time.Duration(f * float64(time.Second))
}

// retryAfter prefers Retry-After (seconds or HTTP date), then x-ratelimit-reset.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if s, err := strconv.Atoi(v); err == nil && s >= 0 {
			return time.Duration(s) * time.Second
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0)
		}
	}
	return resetDelay(h.Get("x-ratelimit-reset"), now)
}

// NewRequest builds a request for path (relative to the base URL) with an
// optional JSON body.
func (c *Client) NewRequest(ctx context.Context, method, path string, query url.Values, body any) (*http.Request, error) {
	u := *c.baseURL
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawQuery = query.Encode()
	var reader io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("joinclient: encode body: %w", err)
		}
		reader = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), reader)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", c.token) // raw token: JOIN does not use "Bearer"
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// call is the usual path of a service method: build, send, decode into v.
func (c *Client) call(ctx context.Context, op Operation, ids []ID, query url.Values, body, v any) (*Response, error) {
	route := RouteFor(op)
	req, err := c.NewRequest(ctx, route.Method, route.Expand(ids...), query, body)
	if err != nil {
		return nil, err
	}
	return c.Do(req, v)
}

// Do sends req with rate limiting and retries and decodes a 2xx JSON body
// into v (if v is not nil). A non-2xx answer becomes an *Error.
func (c *Client) Do(req *http.Request, v any) (*Response, error) {
	resp, body, err := c.send(req, sendOptions{idempotent: isIdempotent(req.Method), limit: maxJSONBody})
	if err != nil {
		return resp, err
	}
	if v != nil && len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, v); err != nil {
			return resp, fmt.Errorf("JOIN API %s %s: unreadable JSON answer: %w", req.Method, req.URL.Path, err)
		}
	}
	return resp, nil
}

func isIdempotent(method string) bool { return method == http.MethodGet || method == http.MethodHead }

// maxJSONBody caps an API answer; the biggest real page is far smaller.
const maxJSONBody = 64 << 20

type sendOptions struct {
	idempotent bool  // safe to repeat after any failure
	limit      int64 // read at most this many body bytes
	redirects  bool  // hand 3xx answers back instead of failing
}

// send runs the retry loop and returns the final response with its body read.
func (c *Client) send(req *http.Request, so sendOptions) (*Response, []byte, error) {
	idempotent := so.idempotent
	ctx := req.Context()
	path := strings.TrimPrefix(req.URL.Path, strings.TrimRight(c.baseURL.Path, "/"))
	for attempt := 1; ; attempt++ {
		resp, body, err := c.attempt(ctx, req, so.limit)
		if resp != nil {
			resp.Attempts = attempt
		}
		var wait time.Duration
		retry := false
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return resp, nil, ctx.Err()
			}
			// A write is only safe to repeat when it never left this machine.
			retry = idempotent || isDialError(err)
			err = fmt.Errorf("JOIN API %s %s: %w", req.Method, path, err)
		case resp.StatusCode >= 200 && resp.StatusCode < 300,
			so.redirects && resp.StatusCode >= 300 && resp.StatusCode < 400:
			return resp, body, nil
		default:
			apiErr := newError(resp.Response, body, path)
			err = apiErr
			switch resp.StatusCode {
			case http.StatusTooManyRequests:
				// A 429 was refused before doing anything, so writes may retry too.
				retry, wait = true, apiErr.RetryAfter
			case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
				retry, wait = idempotent, apiErr.RetryAfter
			}
			// MaxWait bounds every server-requested wait, not only a 429's:
			// a 503 "Retry-After: 3600" must come back to the caller, not block.
			if wait > c.retry.MaxWait {
				return resp, body, err
			}
		}
		if !retry || attempt >= c.retry.MaxAttempts {
			return resp, body, err
		}
		if wait <= 0 {
			wait = c.backoff(attempt)
		}
		if serr := c.sleep(ctx, wait); serr != nil {
			return resp, body, serr
		}
		if req.GetBody != nil {
			b, gerr := req.GetBody()
			if gerr != nil {
				return resp, body, gerr
			}
			req.Body = b
		}
	}
}

// backoff is capped exponential backoff with full jitter.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.retry.BaseDelay << (attempt - 1)
	if d <= 0 || d > c.retry.MaxDelay {
		d = c.retry.MaxDelay
	}
	return d/2 + rand.N(d/2+1)
}

func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// attempt sends req once, honouring the rate limit, the in-flight cap and the
// per-attempt timeout, and reads the whole body.
func (c *Client) attempt(ctx context.Context, req *http.Request, limit int64) (*Response, []byte, error) {
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, nil, err
		}
	}
	select {
	case c.inFlight <- struct{}{}:
		defer func() { <-c.inFlight }()
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	httpResp, err := c.http.Do(req.WithContext(actx))
	if err != nil {
		return nil, nil, err
	}
	defer httpResp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(httpResp.Body, limit))
	resp := &Response{Response: httpResp, RateLimit: parseRateLimit(httpResp.Header)}
	if err != nil {
		return resp, nil, err
	}
	return resp, body, nil
}
