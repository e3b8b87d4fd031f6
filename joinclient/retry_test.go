package joinclient

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sequence answers the i-th request with statuses[i] (the last one repeats);
// 2xx answers carry {"id":7}.
func sequence(statuses ...int) (http.HandlerFunc, *atomic.Int64) {
	var n atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		s := statuses[min(i, len(statuses)-1)]
		if s < 300 {
			writeJSON(w, s, `{"id":7}`)
			return
		}
		joinError(w, s, "ERR", http.StatusText(s))
	}, &n
}

// hangUp closes the connection without an answer (a network error).
func hangUp(t *testing.T, w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
	conn, _, err := w.(http.Hijacker).Hijack()
	if assert.NoError(t, err) {
		_ = conn.Close()
	}
}

func TestDo_retriesGETOnTransientStatus(t *testing.T) {
	for _, status := range []int{429, 502, 503, 504} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			f := setup(t)
			h, n := sequence(status, 200)
			f.handle(t, http.MethodGet, "/jobs/7", h)
			job, resp, err := f.client.Jobs.Get(context.Background(), 7)
			require.NoError(t, err)
			assert.Equal(t, ID(7), job.ID)
			assert.Equal(t, int64(2), n.Load())
			assert.Equal(t, 2, resp.Attempts)
			assert.Len(t, f.sleeps.all(), 1)
		})
	}
}

func TestDo_noRetryGETOnOtherStatus(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 422, 500} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			f := setup(t)
			h, n := sequence(status, 200)
			f.handle(t, http.MethodGet, "/jobs/7", h)
			_, resp, err := f.client.Jobs.Get(context.Background(), 7)
			requireAPIError(t, err, status)
			assert.Equal(t, int64(1), n.Load())
			assert.Equal(t, 1, resp.Attempts)
			assert.Empty(t, f.sleeps.all())
		})
	}
}

func TestDo_retriesGETOnNetworkError(t *testing.T) {
	f := setup(t)
	var n atomic.Int64
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			hangUp(t, w, r)
			return
		}
		writeJSON(w, http.StatusOK, `{"id":7}`)
	})
	job, resp, err := f.client.Jobs.Get(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, ID(7), job.ID)
	assert.Equal(t, int64(2), n.Load())
	assert.Equal(t, 2, resp.Attempts)
}

// JOIN has no idempotency keys: a write that reached the server is never
// repeated unless JOIN said it refused it (429).
func TestDo_noRetryPOSTOnceSent(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			f := setup(t)
			h, n := sequence(status, 201)
			f.handle(t, http.MethodPost, "/jobs", h)
			_, _, err := f.client.Jobs.Create(context.Background(), validJob())
			requireAPIError(t, err, status)
			assert.Equal(t, int64(1), n.Load(), "exactly one request reached the server")
			assert.Empty(t, f.sleeps.all())
		})
	}
	t.Run("network error", func(t *testing.T) {
		f := setup(t)
		var n atomic.Int64
		f.handle(t, http.MethodPost, "/jobs", func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			hangUp(t, w, r)
		})
		_, _, err := f.client.Jobs.Create(context.Background(), validJob())
		require.Error(t, err)
		assert.Equal(t, int64(1), n.Load())
		assert.Empty(t, f.sleeps.all())
	})
	t.Run("DELETE 503", func(t *testing.T) {
		f := setup(t)
		h, n := sequence(503, 204)
		f.handle(t, http.MethodDelete, "/applications/9", h)
		_, err := f.client.Applications.Delete(context.Background(), 9)
		requireAPIError(t, err, 503)
		assert.Equal(t, int64(1), n.Load())
	})
}

func TestDo_retriesWritesOn429WithTheSameBody(t *testing.T) {
	tests := []struct {
		name, method, path, body string
		call                     func(*Client) error
	}{
		{"POST", http.MethodPost, "/candidates/5/notes", `{"content":"hello"}`, func(c *Client) error {
			_, _, err := c.Candidates.CreateNote(context.Background(), 5, "hello")
			return err
		}},
		{"PATCH", http.MethodPatch, "/jobs/7/changeStatus", `{"status":"OFFLINE"}`, func(c *Client) error {
			_, _, err := c.Jobs.ChangeStatus(context.Background(), 7, "OFFLINE")
			return err
		}},
		{"DELETE", http.MethodDelete, "/candidates/5/notes/6", ``, func(c *Client) error {
			_, err := c.Candidates.DeleteNote(context.Background(), 5, 6)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			var (
				mu     sync.Mutex
				bodies []string
			)
			h, n := sequence(429, 429, 200)
			f.handle(t, tt.method, tt.path, func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				mu.Lock()
				bodies = append(bodies, string(b))
				mu.Unlock()
				h(w, r)
			})
			require.NoError(t, tt.call(f.client))
			assert.Equal(t, int64(3), n.Load())
			mu.Lock()
			defer mu.Unlock()
			require.Len(t, bodies, 3)
			for _, b := range bodies {
				if tt.body == "" {
					assert.Empty(t, b)
				} else {
					assert.JSONEq(t, tt.body, b, "body resent identically")
				}
			}
		})
	}
}

func TestDo_serverRequestedWait(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name     string
		headers  map[string]string
		min, max time.Duration
	}{
		{"Retry-After seconds", map[string]string{"Retry-After": "7"}, 7 * time.Second, 7 * time.Second},
		{"Retry-After date", map[string]string{"Retry-After": now.Add(20 * time.Second).UTC().Format(http.TimeFormat)}, 15 * time.Second, 20 * time.Second},
		{"x-ratelimit-reset seconds", map[string]string{"x-ratelimit-reset": "3"}, 3 * time.Second, 3 * time.Second},
		{"x-ratelimit-reset fraction", map[string]string{"x-ratelimit-reset": "1.5"}, 1500 * time.Millisecond, 1500 * time.Millisecond},
		{"x-ratelimit-reset epoch", map[string]string{"x-ratelimit-reset": strconv.FormatInt(now.Add(30*time.Second).Unix(), 10)}, 25 * time.Second, 30 * time.Second},
		{"Retry-After wins", map[string]string{"Retry-After": "2", "x-ratelimit-reset": "9"}, 2 * time.Second, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			var n atomic.Int64
			f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					for k, v := range tt.headers {
						w.Header().Set(k, v)
					}
					joinError(w, http.StatusTooManyRequests, "RATE_LIMIT", "slow down")
					return
				}
				writeJSON(w, http.StatusOK, `{"id":7}`)
			})
			_, _, err := f.client.Jobs.Get(context.Background(), 7)
			require.NoError(t, err)
			sleeps := f.sleeps.all()
			require.Len(t, sleeps, 1)
			assert.GreaterOrEqual(t, sleeps[0], tt.min)
			assert.LessOrEqual(t, sleeps[0], tt.max)
		})
	}
}

func TestDo_waitLongerThanMaxWaitIsNotRetried(t *testing.T) {
	t.Run("429 default MaxWait", func(t *testing.T) {
		f := setup(t)
		var n atomic.Int64
		f.handle(t, http.MethodPost, "/jobs", func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("Retry-After", "120")
			joinError(w, http.StatusTooManyRequests, "RATE_LIMIT", "slow down")
		})
		_, _, err := f.client.Jobs.Create(context.Background(), validJob())
		e := requireAPIError(t, err, http.StatusTooManyRequests)
		assert.True(t, IsRateLimited(err))
		assert.Equal(t, 120*time.Second, e.RetryAfter, "the caller learns how long to wait")
		assert.Equal(t, int64(1), n.Load())
		assert.Empty(t, f.sleeps.all())
	})
	t.Run("429 custom MaxWait", func(t *testing.T) {
		f := setup(t, WithRetryPolicy(RetryPolicy{MaxWait: 5 * time.Second}))
		var n atomic.Int64
		f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("x-ratelimit-reset", "6")
			joinError(w, http.StatusTooManyRequests, "RATE_LIMIT", "slow down")
		})
		_, _, err := f.client.Jobs.Get(context.Background(), 7)
		requireAPIError(t, err, http.StatusTooManyRequests)
		assert.Equal(t, int64(1), n.Load())
	})
	t.Run("503 with a long Retry-After", func(t *testing.T) {
		f := setup(t)
		var n atomic.Int64
		f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("Retry-After", "3600")
			joinError(w, http.StatusServiceUnavailable, "MAINTENANCE", "back in an hour")
		})
		_, _, err := f.client.Jobs.Get(context.Background(), 7)
		e := requireAPIError(t, err, http.StatusServiceUnavailable)
		assert.Equal(t, time.Hour, e.RetryAfter)
		assert.Equal(t, int64(1), n.Load())
		assert.Empty(t, f.sleeps.all(), "an hour is longer than MaxWait")
	})
}

func TestDo_maxAttempts(t *testing.T) {
	t.Run("default 4", func(t *testing.T) {
		f := setup(t)
		h, n := sequence(503)
		f.handle(t, http.MethodGet, "/jobs/7", h)
		_, resp, err := f.client.Jobs.Get(context.Background(), 7)
		requireAPIError(t, err, http.StatusServiceUnavailable)
		assert.Equal(t, int64(4), n.Load())
		assert.Equal(t, 4, resp.Attempts)
		assert.Len(t, f.sleeps.all(), 3)
	})
	t.Run("429 on a write", func(t *testing.T) {
		f := setup(t)
		h, n := sequence(429)
		f.handle(t, http.MethodPost, "/jobs", h)
		_, _, err := f.client.Jobs.Create(context.Background(), validJob())
		assert.True(t, IsRateLimited(err))
		assert.Equal(t, int64(4), n.Load())
	})
	t.Run("custom 2", func(t *testing.T) {
		f := setup(t, WithRetryPolicy(RetryPolicy{MaxAttempts: 2}))
		h, n := sequence(502)
		f.handle(t, http.MethodGet, "/jobs/7", h)
		_, _, err := f.client.Jobs.Get(context.Background(), 7)
		requireAPIError(t, err, http.StatusBadGateway)
		assert.Equal(t, int64(2), n.Load())
	})
}

func TestDo_contextCancelStopsRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var sleeps atomic.Int64
	f := setup(t, WithSleep(func(ctx context.Context, d time.Duration) error {
		sleeps.Add(1)
		cancel() // the caller gives up while we wait
		return sleepContext(ctx, d)
	}))
	h, n := sequence(503)
	f.handle(t, http.MethodGet, "/jobs/7", h)

	start := time.Now()
	_, _, err := f.client.Jobs.Get(ctx, 7)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, int64(1), n.Load(), "no request after the cancel")
	assert.Equal(t, int64(1), sleeps.Load())
}

func TestDo_cancelledContextSendsNothing(t *testing.T) {
	f := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := f.client.Jobs.Get(ctx, 7)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, f.requests.Load())
	assert.Empty(t, f.sleeps.all())
}

// closedAddr returns an address nothing listens on.
func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// A refused connection proves the request never left: even a write may retry.
func TestDo_dialErrorIsRetried(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			rec := &sleepRecorder{}
			c := newTestClient(t, "http://"+closedAddr(t)+"/v2", rec)
			var err error
			if method == http.MethodPost {
				_, _, err = c.Jobs.Create(context.Background(), validJob())
			} else {
				_, _, err = c.Jobs.Get(context.Background(), 7)
			}
			require.Error(t, err)
			assert.True(t, isDialError(err), "%v", err)
			assert.False(t, errors.As(err, new(*Error)))
			assert.Contains(t, err.Error(), method)
			assert.Len(t, rec.all(), DefaultRetryPolicy.MaxAttempts-1, "4 attempts, 3 waits")
		})
	}
}

func TestDo_perAttemptTimeout(t *testing.T) {
	slowFirst := func(n *atomic.Int64) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.ReadAll(r.Body)
			if n.Add(1) == 1 {
				select {
				case <-r.Context().Done():
				case <-time.After(2 * time.Second):
				}
				return
			}
			writeJSON(w, http.StatusOK, `{"id":7}`)
		}
	}
	t.Run("GET retried", func(t *testing.T) {
		f := setup(t, WithTimeout(50*time.Millisecond))
		var n atomic.Int64
		f.handle(t, http.MethodGet, "/jobs/7", slowFirst(&n))
		job, resp, err := f.client.Jobs.Get(context.Background(), 7)
		require.NoError(t, err)
		assert.Equal(t, ID(7), job.ID)
		assert.Equal(t, 2, resp.Attempts)
		assert.Len(t, f.sleeps.all(), 1)
	})
	t.Run("GET gives up", func(t *testing.T) {
		f := setup(t, WithTimeout(30*time.Millisecond), WithRetryPolicy(RetryPolicy{MaxAttempts: 2}))
		f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		})
		start := time.Now()
		_, _, err := f.client.Jobs.Get(context.Background(), 7)
		require.Error(t, err)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Less(t, time.Since(start), time.Second)
		assert.Equal(t, int64(2), f.requests.Load())
	})
	t.Run("POST not retried", func(t *testing.T) {
		f := setup(t, WithTimeout(50*time.Millisecond))
		var n atomic.Int64
		f.handle(t, http.MethodPost, "/jobs", slowFirst(&n))
		_, _, err := f.client.Jobs.Create(context.Background(), validJob())
		require.Error(t, err)
		assert.Equal(t, int64(1), n.Load(), "the server may have created the job")
	})
}

func TestBackoff(t *testing.T) {
	c := &Client{retry: RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}}
	bounds := []struct {
		attempt  int
		min, max time.Duration
	}{
		{1, 50 * time.Millisecond, 100 * time.Millisecond},
		{2, 100 * time.Millisecond, 200 * time.Millisecond},
		{3, 200 * time.Millisecond, 400 * time.Millisecond},
		{4, 400 * time.Millisecond, 800 * time.Millisecond},
		{5, 500 * time.Millisecond, time.Second}, // capped
		{40, 500 * time.Millisecond, time.Second},
		{63, 500 * time.Millisecond, time.Second}, // the shift overflows
		{64, 500 * time.Millisecond, time.Second},
		{1000, 500 * time.Millisecond, time.Second},
	}
	for _, b := range bounds {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := c.backoff(b.attempt)
			require.GreaterOrEqual(t, d, b.min, "attempt %d", b.attempt)
			require.LessOrEqual(t, d, b.max, "attempt %d", b.attempt)
			seen[d] = true
		}
		assert.Greater(t, len(seen), 1, "attempt %d has jitter", b.attempt)
	}
	// The expected wait grows until the cap.
	avg := func(attempt int) time.Duration {
		var sum time.Duration
		for range 500 {
			sum += c.backoff(attempt)
		}
		return sum / 500
	}
	assert.Less(t, avg(1), avg(3))
	assert.Less(t, avg(3), avg(5))
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Unix(2_000_000_000, 0)
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	assert.Equal(t, time.Duration(0), retryAfter(h(), now))
	assert.Equal(t, 5*time.Second, retryAfter(h("Retry-After", " 5 "), now))
	assert.Equal(t, time.Duration(0), retryAfter(h("Retry-After", "0"), now))
	assert.Equal(t, 10*time.Second, retryAfter(h("Retry-After", now.Add(10*time.Second).UTC().Format(http.TimeFormat)), now))
	assert.Equal(t, time.Duration(0), retryAfter(h("Retry-After", now.Add(-10*time.Second).UTC().Format(http.TimeFormat)), now), "a past date")
	assert.Equal(t, 4*time.Second, retryAfter(h("Retry-After", "soon", "x-ratelimit-reset", "4"), now), "unreadable Retry-After falls back")
	assert.Equal(t, 30*time.Second, resetDelay("2000000030", now), "epoch")
	assert.Equal(t, time.Duration(0), resetDelay("1999999990", now), "epoch in the past")
	assert.Equal(t, 60*time.Second, resetDelay("60", now))
	for _, bad := range []string{"", "abc", "-3", "0"} {
		assert.Equal(t, time.Duration(0), resetDelay(bad, now), bad)
	}
}

func TestResponse_rateLimit(t *testing.T) {
	f := setup(t)
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-ratelimit-limit", "100")
		w.Header().Set("x-ratelimit-remaining", "97")
		w.Header().Set("x-ratelimit-reset", "42")
		writeJSON(w, http.StatusOK, `{"id":7}`)
	})
	_, resp, err := f.client.Jobs.Get(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, RateLimit{Limit: 100, Remaining: 97, Reset: 42 * time.Second}, resp.RateLimit)
}
