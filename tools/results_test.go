package tools_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
)

func TestResultBudget_ListIsCutToWholeItems(t *testing.T) {
	const budget = 3000
	e := newEnv(t, setup{maxResultBytes: budget})
	res := e.call("join_list_applications", `{"jobId":3001,"pageSize":50,"full":true}`)
	require.False(t, res.IsError, textOf(res))
	text := textOf(res)
	assert.LessOrEqual(t, len(text), budget, "the result fits the budget")
	assert.True(t, json.Valid([]byte(text)), "still valid JSON")

	sc := res.StructuredContent.(map[string]any)
	assert.Equal(t, true, sc["truncated"])
	notice, _ := sc["notice"].(string)
	assert.True(t, contains(notice, "pageSize", "of 44 items"), notice)
	list := items(t, sc)
	assert.NotEmpty(t, list, "at least one whole item fits")
	assert.Less(t, len(list), 44)
	assert.EqualValues(t, len(list), sc["returned"], "returned counts what is in the result")
	for _, it := range list {
		assert.Contains(t, it.(map[string]any), "attachments", "kept items are whole records")
	}

	// Without full=true the same page fits.
	e2 := newEnv(t, setup{maxResultBytes: 100_000})
	sc2 := e2.ok("join_list_applications", `{"jobId":3001,"pageSize":50,"full":true}`)
	assert.NotContains(t, sc2, "truncated")
	assert.Len(t, items(t, sc2), 44)
}

func TestResultBudget_GetShortensLongStrings(t *testing.T) {
	// The backend job is about 2.5 kB as JSON, 1 kB of it the description.
	const budget = 2000
	e := newEnv(t, setup{maxResultBytes: budget})
	full, _ := e.store().Job(jobBackend)
	require.Greater(t, len(full.Description), 1000, "seed: a long description")

	res := e.call("join_get_job", `{"jobId":3001}`)
	require.False(t, res.IsError, textOf(res))
	assert.LessOrEqual(t, len(textOf(res)), budget)
	sc := res.StructuredContent.(map[string]any)
	assert.Equal(t, true, sc["truncated"])
	assert.Contains(t, sc["notice"], "cut")
	desc := sc["description"].(string)
	assert.True(t, strings.HasSuffix(desc, "…[truncated]"), desc)
	assert.True(t, strings.HasPrefix(full.Description, strings.TrimSuffix(desc, " …[truncated]")), "the kept text is the start of the original")
	assert.Equal(t, "Backend Engineer (Go)", sc["title"], "short fields stay whole")
	assert.EqualValues(t, jobBackend, sc["id"])
}

// TestResultBudget_TextFileCutOnARuneBoundary: a text attachment inlined
// into structuredContent is cut to half the budget; the cut must not split a
// multi-byte character (which would surface as U+FFFD).
func TestResultBudget_TextFileCutOnARuneBoundary(t *testing.T) {
	st := newFake(t).Store(jointest.DefaultToken)
	var file jointest.File
	cut := -1
	for _, f := range st.Files() {
		if !strings.HasPrefix(f.ContentType, "text/") {
			continue
		}
		for i := 200; i < len(f.Data); i++ {
			if !utf8.RuneStart(f.Data[i]) {
				file, cut = f, i
				break
			}
		}
		if cut > 0 {
			break
		}
	}
	require.Positive(t, cut, "seed: a text file with non-ASCII characters")

	e := newEnv(t, setup{maxResultBytes: 2 * cut})
	res := e.call("join_get_attachment", fmt.Sprintf(`{"attachmentId":%d}`, file.ID))
	require.False(t, res.IsError, textOf(res))
	text := res.StructuredContent.(map[string]any)["text"].(string)
	assert.NotContains(t, text, string(utf8.RuneError), "no character was split")
	assert.True(t, strings.HasSuffix(text, "…[truncated]"), text)
	assert.True(t, strings.HasPrefix(string(file.Data), strings.TrimSuffix(text, " …[truncated]")))
	assert.LessOrEqual(t, len(strings.TrimSuffix(text, " …[truncated]")), cut)
}

func TestUpstreamFaults(t *testing.T) {
	t.Run("rate limited read", func(t *testing.T) {
		e := newEnv(t, setup{maxAttempts: 1})
		e.fake.SetRateLimit(1, time.Minute, true)
		e.ok("join_get_job", `{"jobId":3001}`)
		msg := e.fails("join_get_job", `{"jobId":3002}`)
		assert.True(t, contains(msg, "rate limit", "Try again in"), msg)
		assert.Len(t, e.sent(), 2, "one attempt each")
	})

	t.Run("rate limited write", func(t *testing.T) {
		e := newEnv(t, setup{maxAttempts: 1})
		app := taggedApp(t, e.store())
		e.fake.SetRateLimit(1, time.Minute, false)
		e.ok("join_list_jobs", `{"pageSize":1}`)
		msg := e.fails("join_update_application_integration_data", fmt.Sprintf(`{"applicationId":%d,"externalId":"crm-9"}`, app.ID))
		assert.True(t, contains(msg, "rate limit", "nothing was changed"), msg)
		got, _ := e.store().Application(app.ID)
		assert.NotEqual(t, "crm-9", got.IntegrationExternalID)
	})

	t.Run("500 on a write", func(t *testing.T) {
		e := newEnv(t, setup{})
		app := taggedApp(t, e.store())
		// JOIN applied the change, then failed to answer: the ambiguous case.
		e.fake.InjectFault(jointest.Fault{Kind: jointest.FaultStatus, Status: http.StatusInternalServerError, Method: http.MethodPatch, AfterHandling: true})
		msg := e.fails("join_update_application_integration_data", fmt.Sprintf(`{"applicationId":%d,"externalId":"crm-7"}`, app.ID))
		assert.True(t, contains(msg, "500", "may or may not have been applied", "read the current state"), msg)
		assert.Equal(t, []string{fmt.Sprintf("PATCH /applications/%d/integrationData", app.ID)}, e.sent(), "a write is never retried after a 5xx")
	})

	t.Run("500 on a gated write", func(t *testing.T) {
		e := newEnv(t, setup{})
		e.fake.InjectFault(jointest.Fault{Kind: jointest.FaultStatus, Status: http.StatusInternalServerError, Method: http.MethodPatch})
		msg := e.fails("join_update_job_status", `{"jobId":3007,"status":"ONLINE","confirm":true}`)
		assert.Contains(t, msg, "may or may not have been applied")
		assert.Equal(t, []string{"GET /jobs/3007", "PATCH /jobs/3007/changeStatus"}, e.sent())
	})

	t.Run("500 on a read", func(t *testing.T) {
		e := newEnv(t, setup{maxAttempts: 1})
		e.fake.FailNext(1, http.StatusInternalServerError)
		msg := e.fails("join_get_job", `{"jobId":3001}`)
		assert.True(t, contains(msg, "500", "Retrying later may help"), msg)
		assert.NotContains(t, msg, "may or may not have been applied", "a read changes nothing")
	})

	t.Run("wrong token", func(t *testing.T) {
		e := newEnv(t, setup{token: "not-the-token"})
		msg := e.fails("join_list_jobs", `{}`)
		assert.True(t, contains(msg, "token", "Settings", "API credentials", "JOIN_API_TOKEN"), msg)
		assert.NotContains(t, msg, "not-the-token", "the token is never echoed")
		assert.Len(t, e.sent(), 1, "a 401 is not retried")
	})
}

// TestHandlerPanicBecomesToolError uses a client whose services are nil, so
// the handler itself dereferences nil.
func TestHandlerPanicBecomesToolError(t *testing.T) {
	broken := &joinclient.Client{}
	e := newEnv(t, setup{clientFunc: func(context.Context) (*joinclient.Client, error) { return broken, nil }})
	for _, tc := range [][2]string{
		{"join_list_jobs", `{}`},
		{"join_update_job_status", `{"jobId":3007,"status":"ONLINE","confirm":true}`},
	} {
		msg := e.fails(tc[0], tc[1])
		assert.True(t, contains(msg, "internal error", tc[0], "bug"), msg)
	}
	// The server survives.
	assert.Len(t, e.listTools(), len(expectedTools))
	e.expectNoRequests()
}

// TestClientFuncErrorBecomesToolError: resolving the JOIN client can fail
// (an HTTP caller without a token); the message is passed on.
func TestClientFuncErrorBecomesToolError(t *testing.T) {
	e := newEnv(t, setup{clientFunc: func(context.Context) (*joinclient.Client, error) {
		return nil, fmt.Errorf("no JOIN token for this request")
	}})
	assert.Contains(t, e.fails("join_list_jobs", `{}`), "no JOIN token for this request")
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) take() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var lines []string
	sc := bufio.NewScanner(&b.buf)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	b.buf.Reset()
	return lines
}

func TestDebugLogLine(t *testing.T) {
	sink := &syncBuffer{}
	logger := zerolog.New(sink).Level(zerolog.DebugLevel)
	e := newEnv(t, setup{logger: &logger})
	sink.take()

	var emails []string
	for _, c := range e.store().Candidates() {
		emails = append(emails, c.Email)
	}
	file := findFile(t, e.store(), "application/pdf")

	tests := []struct {
		tool, args string
		calls      int
		status     int
		isError    bool
	}{
		{"join_list_applications", `{"jobId":3001,"pageSize":50,"full":true}`, 1, 200, false},
		{"join_get_attachment", fmt.Sprintf(`{"attachmentId":%d}`, file.ID), 2, 200, false}, // redirect + download
		{"join_get_job", `{"jobId":999999}`, 1, 404, true},
		{"join_get_job", `{"jobId":"x"}`, 0, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.tool, func(t *testing.T) {
			e := e.in(t)
			res := e.call(tc.tool, tc.args)
			require.Equal(t, tc.isError, res.IsError, textOf(res))
			lines := sink.take()
			require.Len(t, lines, 1, "one log line per call: %v", lines)
			var line map[string]any
			require.NoError(t, json.Unmarshal([]byte(lines[0]), &line))
			assert.Equal(t, "debug", line["level"])
			assert.Equal(t, tc.tool, line["tool"])
			assert.Contains(t, line, "duration")
			assert.EqualValues(t, tc.calls, line["upstreamCalls"])
			assert.EqualValues(t, tc.status, line["upstreamStatus"])
			assert.Equal(t, tc.isError, line["isError"])

			assert.NotContains(t, lines[0], e.fake.Token(), "never the token")
			for _, m := range emails {
				assert.NotContains(t, lines[0], m, "never candidate data")
			}
			assert.NotContains(t, lines[0], "jobId", "never the arguments")
		})
	}

	t.Run("info level is quiet", func(t *testing.T) {
		info := zerolog.New(sink).Level(zerolog.InfoLevel)
		e := newEnv(t, setup{logger: &info})
		sink.take()
		e.ok("join_list_jobs", `{"pageSize":1}`)
		assert.Empty(t, sink.take())
	})
}
