package mcpserver_test

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/mcpserver"
)

// A shutdown lets running tool calls finish, refuses new ones with a tool
// error while it waits, and then stops.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	for _, cc := range []clientConfig{{protocol: legacyProtocol}, {protocol: modernProtocol}, {protocol: legacyProtocol, sse: true}} {
		name := cc.protocol
		if cc.sse {
			name += "/sse"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			const shutdownTimeout = 5 * time.Second
			r := newRig(t, rigConfig{http: mcpserver.HTTPOptions{ShutdownTimeout: shutdownTimeout}}, false)
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			base := "http://" + ln.Addr().String()
			ctx, stop := context.WithCancel(context.Background())
			defer stop()
			served := make(chan error, 1)
			go func() { served <- r.h.Serve(ctx, ln) }()

			// Without the standalone GET stream: Serve closes the session
			// streams right after the last tool handler returns, and the Go
			// SDK client, with reconnection off (MaxRetries -1, as all these
			// tests use), fails the whole session on that stream's end, which
			// can beat the call's response on its own connection. With the
			// default retries the reconnect delay hides that race.
			running := connect(t, base, clientConfig{protocol: cc.protocol, sse: cc.sse, noGET: true})
			late := connect(t, base, cc)
			health := do(t, http.MethodGet, base+"/healthz", nil, nil)
			require.Equal(t, http.StatusOK, health.status)

			// JOIN answers slowly: the call is still running when the
			// shutdown begins.
			r.fake.SetLatency(500 * time.Millisecond)
			type outcome struct {
				res *sdk.CallToolResult
				err error
			}
			done := make(chan outcome, 1)
			go func() {
				ctx, cancel := contextWithTimeout()
				defer cancel()
				res, err := running.CallTool(ctx, &sdk.CallToolParams{Name: "join_get_job", Arguments: map[string]any{"jobId": jobBackend}})
				done <- outcome{res, err}
			}()
			waitFor(t, "the tool call to reach JOIN", func() bool { return len(r.fake.Requests()) == 1 })
			require.EqualValues(t, 1, r.srv.InFlight())

			stopped := time.Now()
			stop()
			waitFor(t, "draining", r.srv.Draining)

			// While draining, the listener still answers: health says so and
			// a new tool call is refused with a tool error, not run.
			health = do(t, http.MethodGet, base+"/healthz", nil, nil)
			assert.Equal(t, http.StatusServiceUnavailable, health.status)
			assert.JSONEq(t, `{"status":"draining"}`, health.body)
			refusedRes := call(t, late, "join_list_offices", nil)
			assert.True(t, refusedRes.IsError)
			assert.Contains(t, text(refusedRes), "shutting down")
			assert.Len(t, r.fake.Requests(), 1, "the refused call never reached JOIN")

			// The running call completes normally.
			got := <-done
			require.NoError(t, got.err, "the call in flight failed")
			require.False(t, got.res.IsError, text(got.res))
			var job struct {
				ID int64 `json:"id"`
			}
			structured(t, got.res, &job)
			assert.EqualValues(t, jobBackend, job.ID)

			// Then Serve closes the open streams (the late client's) and
			// returns at once, not at the timeout.
			finished := time.Now()
			select {
			case err := <-served:
				assert.NoError(t, err)
				assert.Less(t, time.Since(finished), 2*time.Second, "Serve waited for open streams after the last call")
				assert.Less(t, time.Since(stopped), shutdownTimeout, "Serve returned within the shutdown timeout")
			case <-time.After(shutdownTimeout + 2*time.Second):
				t.Fatal("Serve did not return")
			}

			// Afterwards the port is closed.
			c := &http.Client{Timeout: 2 * time.Second}
			_, err = c.Get(base + "/healthz")
			assert.Error(t, err, "the listener is closed")
		})
	}
}

// A call that outlives ShutdownTimeout does not keep the process alive.
func TestShutdownTimeout(t *testing.T) {
	t.Parallel()
	const shutdownTimeout = 300 * time.Millisecond
	r := newRig(t, rigConfig{http: mcpserver.HTTPOptions{ShutdownTimeout: shutdownTimeout}}, false)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	base := "http://" + ln.Addr().String()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	served := make(chan error, 1)
	go func() { served <- r.h.Serve(ctx, ln) }()

	cs := connect(t, base, clientConfig{protocol: legacyProtocol})
	r.fake.SetLatency(5 * time.Second)
	done := make(chan error, 1)
	go func() {
		ctx, cancel := contextWithTimeout()
		defer cancel()
		_, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "join_get_job", Arguments: map[string]any{"jobId": jobBackend}})
		done <- err
	}()
	waitFor(t, "the tool call to reach JOIN", func() bool { return len(r.fake.Requests()) == 1 })
	stopped := time.Now()
	stop()
	select {
	case err := <-served:
		assert.NoError(t, err)
		took := time.Since(stopped)
		assert.GreaterOrEqual(t, took, shutdownTimeout, "Serve waited for the call")
		assert.Less(t, took, 3*time.Second, "Serve gave up on the call after the timeout")
	case <-time.After(4 * time.Second):
		t.Fatal("Serve did not return")
	}
	r.fake.Close() // ends the slow upstream request
	select {
	case err := <-done:
		assert.Error(t, err, "the cut-off call fails on the client")
	case <-time.After(5 * time.Second):
		t.Fatal("the client call did not end")
	}
}
