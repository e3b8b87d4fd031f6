package mcpserver_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/mcpserver"
)

// elicitor answers elicitation requests with a fixed action and counts them.
type elicitor struct {
	action string
	calls  atomic.Int32
	last   atomic.Value // string: the last message shown
}

func (e *elicitor) handle(_ context.Context, req *sdk.ElicitRequest) (*sdk.ElicitResult, error) {
	e.calls.Add(1)
	e.last.Store(req.Params.Message)
	res := &sdk.ElicitResult{Action: e.action}
	if e.action == "accept" {
		res.Content = map[string]any{"confirm": true}
	}
	return res, nil
}

func jobStatus(t *testing.T, r *rig, id int64) string {
	t.Helper()
	job, ok := r.fake.Store(r.fake.Token()).Job(jobID(id))
	require.True(t, ok)
	return job.Status
}

func TestStatelessHTTP(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{http: mcpserver.HTTPOptions{Stateless: true}}, true)

	for _, era := range eras {
		t.Run("list and call/"+era, func(t *testing.T) {
			cs := connect(t, r.ts.URL, clientConfig{protocol: era})
			assert.Empty(t, cs.ID(), "no session id in stateless mode")
			names := toolNames(t, cs)
			assert.Len(t, names, len(r.srv.Tools))
			var job struct {
				ID int64 `json:"id"`
			}
			structured(t, call(t, cs, "join_get_job", map[string]any{"jobId": jobBackend}), &job)
			assert.EqualValues(t, jobBackend, job.ID)
		})
	}

	// A legacy client that can elicit still cannot be asked: stateless HTTP
	// has no channel for a server-initiated request, so confirm=true is the
	// user's consent.
	t.Run("legacy elicitation falls back to the flag", func(t *testing.T) {
		e := &elicitor{action: "decline"}
		cs := connect(t, r.ts.URL, clientConfig{protocol: legacyProtocol, elicit: e.handle})
		preview := call(t, cs, "join_update_job_status", map[string]any{"jobId": jobOffline, "status": "ONLINE"})
		assert.Equal(t, "needs_confirmation", writeStatus(t, preview), "without confirm: a preview")
		assert.Equal(t, "OFFLINE", jobStatus(t, r, jobOffline))
		res := call(t, cs, "join_update_job_status", map[string]any{"jobId": jobOffline, "status": "ONLINE", "confirm": true})
		assert.Equal(t, "done", writeStatus(t, res))
		assert.Zero(t, e.calls.Load(), "no elicitation reached the client")
		assert.Equal(t, "ONLINE", jobStatus(t, r, jobOffline))
	})

	// A 2026-07-28 client answers the input-required round trip.
	t.Run("modern input-required round trip", func(t *testing.T) {
		accept := &elicitor{action: "accept"}
		cs := connect(t, r.ts.URL, clientConfig{protocol: modernProtocol, elicit: accept.handle})
		res := call(t, cs, "join_update_job_status", map[string]any{"jobId": jobBackend, "status": "OFFLINE", "confirm": true})
		assert.Equal(t, "done", writeStatus(t, res))
		assert.EqualValues(t, 1, accept.calls.Load(), "the user was asked once")
		assert.Contains(t, accept.last.Load(), "3001")
		assert.Equal(t, "OFFLINE", jobStatus(t, r, jobBackend))

		decline := &elicitor{action: "decline"}
		cs = connect(t, r.ts.URL, clientConfig{protocol: modernProtocol, elicit: decline.handle})
		res = call(t, cs, "join_update_job_status", map[string]any{"jobId": jobBackend, "status": "ARCHIVED", "confirm": true})
		assert.Equal(t, "cancelled", writeStatus(t, res))
		assert.EqualValues(t, 1, decline.calls.Load())
		assert.Equal(t, "OFFLINE", jobStatus(t, r, jobBackend), "declined: nothing changed")
	})
}

func TestSSETransport(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{}, true)
	cs := connect(t, r.ts.URL, clientConfig{protocol: legacyProtocol, sse: true})
	assert.Len(t, toolNames(t, cs), len(r.srv.Tools))
	var offices struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	structured(t, call(t, cs, "join_list_offices", nil), &offices)
	assert.NotEmpty(t, offices.Items)

	// Elicitation over SSE: mcp-go v1.6.0's SSE session cannot send
	// server-initiated requests (it does not implement
	// server.SessionWithElicitation), so the gate cannot ask and proceeds on
	// confirm=true, as on stateless HTTP. The client's handler is never
	// called, whatever it would answer. If this starts failing because the
	// handler IS called, mcp-go gained the feature: assert accept/decline.
	for _, action := range []string{"accept", "decline"} {
		e := &elicitor{action: action}
		cs = connect(t, r.ts.URL, clientConfig{protocol: legacyProtocol, sse: true, elicit: e.handle})
		preview := call(t, cs, "join_update_job_status", map[string]any{"jobId": jobOffline, "status": "ONLINE"})
		assert.Equal(t, "needs_confirmation", writeStatus(t, preview), "without confirm: a preview")
		assert.Equal(t, "OFFLINE", jobStatus(t, r, jobOffline))
		res := call(t, cs, "join_update_job_status", map[string]any{"jobId": jobOffline, "status": "ONLINE", "confirm": true})
		assert.Equal(t, "done", writeStatus(t, res), action)
		assert.Zero(t, e.calls.Load(), "SSE elicitation reached the client (%s)", action)
		assert.Equal(t, "ONLINE", jobStatus(t, r, jobOffline))
		res = call(t, cs, "join_update_job_status", map[string]any{"jobId": jobOffline, "status": "OFFLINE", "confirm": true})
		assert.Equal(t, "done", writeStatus(t, res), action)
	}

	// Header narrowing applies to SSE as well (the headers of each POST).
	narrowed := connect(t, r.ts.URL, clientConfig{protocol: legacyProtocol, sse: true, headers: map[string]string{mcpserver.HeaderToolsets: "offices"}})
	for _, n := range toolNames(t, narrowed) {
		assert.Contains(t, n, "office")
	}
	refused(t, r, narrowed, "join_list_jobs", nil)
}

// Elicitation over stateful streamable HTTP, both eras: the legacy server
// request on the POST stream and the modern round trip.
func TestStatefulElicitation(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{}, true)
	for _, era := range eras {
		accept := &elicitor{action: "accept"}
		cs := connect(t, r.ts.URL, clientConfig{protocol: era, elicit: accept.handle})
		res := call(t, cs, "join_update_job_status", map[string]any{"jobId": jobOffline, "status": "ONLINE", "confirm": true})
		assert.Equal(t, "done", writeStatus(t, res), era)
		assert.EqualValues(t, 1, accept.calls.Load(), era)
		res = call(t, cs, "join_update_job_status", map[string]any{"jobId": jobOffline, "status": "OFFLINE", "confirm": true})
		assert.Equal(t, "done", writeStatus(t, res), era)
	}
}

// logCollector keeps the log notifications a client received.
type logCollector struct {
	mu   sync.Mutex
	msgs []string // JSON of the data
	got  chan struct{}
}

func newLogCollector() *logCollector { return &logCollector{got: make(chan struct{}, 100)} }

func (l *logCollector) handle(_ context.Context, req *sdk.LoggingMessageRequest) {
	b, _ := json.Marshal(req.Params.Data)
	l.mu.Lock()
	l.msgs = append(l.msgs, string(req.Params.Level)+" "+string(b))
	l.mu.Unlock()
	l.got <- struct{}{}
}

func (l *logCollector) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.msgs...)
}

// waitForTool waits for a log message that names tool.
func (l *logCollector) waitForTool(t *testing.T, tool string) string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		for _, m := range l.all() {
			if strings.Contains(m, `"tool":"`+tool+`"`) {
				return m
			}
		}
		select {
		case <-l.got:
		case <-timeout:
			t.Fatalf("no log message for %s; got %v", tool, l.all())
		}
	}
}

func TestLoggingToClient(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{}, true)
	logs := newLogCollector()
	cs := connect(t, r.ts.URL, clientConfig{protocol: legacyProtocol, logs: logs.handle})

	// At level error, the debug line of a tool call is not sent.
	require.NoError(t, cs.SetLoggingLevel(testCtx(t), &sdk.SetLoggingLevelParams{Level: "error"}))
	assert.False(t, call(t, cs, "join_list_offices", nil).IsError)

	// At debug it is, naming the tool. The message of the first call would
	// have come first on the same stream, so once the second one arrived,
	// the first one is known to be absent.
	require.NoError(t, cs.SetLoggingLevel(testCtx(t), &sdk.SetLoggingLevelParams{Level: "debug"}))
	assert.False(t, call(t, cs, "join_get_job", map[string]any{"jobId": jobBackend}).IsError)
	msg := logs.waitForTool(t, "join_get_job")
	assert.Contains(t, msg, "debug ")
	assert.Contains(t, msg, `"upstreamCalls":1`)
	for _, m := range logs.all() {
		assert.NotContains(t, m, "join_list_offices", "a debug message was sent at level error")
	}

	// A failing call is logged with isError.
	assert.True(t, call(t, cs, "join_get_job", map[string]any{"jobId": 999999}).IsError)
	waitFor(t, "the error log message", func() bool {
		for _, m := range logs.all() {
			if strings.Contains(m, `"isError":true`) {
				return true
			}
		}
		return false
	})
}
