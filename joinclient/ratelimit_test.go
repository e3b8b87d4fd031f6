package joinclient

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Timing tests assert lower bounds only, so a slow machine cannot fail them.

func TestRateLimit_spacesRequests(t *testing.T) {
	f := setup(t, WithRateLimit(20, 1)) // one request every 50ms
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"id":7}`)
	})
	start := time.Now()
	for range 5 {
		_, _, err := f.client.Jobs.Get(context.Background(), 7)
		require.NoError(t, err)
	}
	// The first goes at once, the other four wait 50ms each.
	assert.GreaterOrEqual(t, time.Since(start), 190*time.Millisecond)
}

func TestRateLimit_burst(t *testing.T) {
	f := setup(t, WithRateLimit(1, 5))
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"id":7}`)
	})
	start := time.Now()
	for range 5 {
		_, _, err := f.client.Jobs.Get(context.Background(), 7)
		require.NoError(t, err)
	}
	// A burst of 5 at 1/s would take 4s if the burst were ignored.
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestRateLimit_waitHonoursContext(t *testing.T) {
	f := setup(t, WithRateLimit(0.5, 1)) // the second request would wait 2s
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"id":7}`)
	})
	_, _, err := f.client.Jobs.Get(context.Background(), 7)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err = f.client.Jobs.Get(ctx, 7)
	require.Error(t, err)
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, int64(1), f.requests.Load())
}

func TestMaxInFlight_capsConcurrency(t *testing.T) {
	const limit, callers = 2, 6
	f := setup(t, WithMaxInFlight(limit))
	var current, peak atomic.Int64
	f.handle(t, http.MethodGet, "/jobs/7", func(w http.ResponseWriter, r *http.Request) {
		n := current.Add(1)
		defer current.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		writeJSON(w, http.StatusOK, `{"id":7}`)
	})

	start := time.Now()
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			_, _, err := f.client.Jobs.Get(context.Background(), 7)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, peak.Load(), int64(limit))
	assert.Equal(t, int64(callers), f.requests.Load())
	// 6 requests of 30ms, 2 at a time: at least 3 rounds.
	assert.GreaterOrEqual(t, time.Since(start), 85*time.Millisecond)
}

func TestDefaults(t *testing.T) {
	c, err := New(testToken)
	require.NoError(t, err)
	require.NotNil(t, c.limiter, "rate limited by default")
	assert.InDelta(t, 5, float64(c.limiter.Limit()), 0.001)
	assert.Equal(t, 10, c.limiter.Burst())
	assert.Equal(t, 4, cap(c.inFlight))
	assert.Equal(t, DefaultRetryPolicy, c.retry)
	assert.Equal(t, 30*time.Second, c.timeout)
	assert.Equal(t, int64(25<<20), c.maxDownload)

	c, err = New(testToken, WithRateLimit(0, 0), WithMaxInFlight(0),
		WithRetryPolicy(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}))
	require.NoError(t, err)
	assert.Nil(t, c.limiter)
	assert.Equal(t, 1, cap(c.inFlight), "at least one request can run")
	assert.Equal(t, RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: DefaultRetryPolicy.MaxDelay, MaxWait: DefaultRetryPolicy.MaxWait}, c.retry)
}
