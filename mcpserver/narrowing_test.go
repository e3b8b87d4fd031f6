package mcpserver_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/tools"
)

// refused asserts that calling the tool does nothing: a protocol error (tool
// not found) or a tool error, and no request reaches JOIN.
func refused(t *testing.T, r *rig, cs *sdk.ClientSession, name string, args any) {
	t.Helper()
	before := len(r.fake.Requests())
	res, err := cs.CallTool(testCtx(t), &sdk.CallToolParams{Name: name, Arguments: args})
	if err == nil {
		assert.True(t, res.IsError, "%s was not refused: %s", name, text(res))
	} else {
		assert.Contains(t, err.Error(), name, "the error names the tool")
	}
	assert.Len(t, r.fake.Requests(), before, "%s reached JOIN", name)
}

var statusArgs = map[string]any{"jobId": jobOffline, "status": "ONLINE", "confirm": true}

func TestHeaderNarrowing(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{}, true)
	all := r.srv.Tools
	var allNames, jobNames, readOnlyNames []string
	for _, tool := range all {
		allNames = append(allNames, tool.Def.Name)
		if tool.Toolset == "jobs" {
			jobNames = append(jobNames, tool.Def.Name)
		}
		if tool.ReadOnly() {
			readOnlyNames = append(readOnlyNames, tool.Def.Name)
		}
	}
	require.Less(t, len(readOnlyNames), len(allNames))

	for _, era := range eras {
		t.Run(era, func(t *testing.T) {
			plain := connect(t, r.ts.URL, clientConfig{protocol: era})
			assert.Equal(t, allNames, toolNames(t, plain), "no headers: every tool the flags enabled")

			jobs := connect(t, r.ts.URL, clientConfig{protocol: era, headers: map[string]string{mcpserver.HeaderToolsets: "jobs"}})
			assert.Equal(t, jobNames, toolNames(t, jobs))
			refused(t, r, jobs, "join_list_offices", nil)
			assert.False(t, call(t, jobs, "join_get_job", map[string]any{"jobId": jobBackend}).IsError)

			ro := connect(t, r.ts.URL, clientConfig{protocol: era, headers: map[string]string{mcpserver.HeaderReadonly: "true"}})
			assert.Equal(t, readOnlyNames, toolNames(t, ro))
			refused(t, r, ro, "join_update_job_status", statusArgs)
			refused(t, r, ro, "join_create_candidate_note", map[string]any{"candidateId": 50004, "content": "x"})

			one := connect(t, r.ts.URL, clientConfig{protocol: era, headers: map[string]string{mcpserver.HeaderTools: "join_get_job"}})
			assert.Equal(t, []string{"join_get_job"}, toolNames(t, one))
			refused(t, r, one, "join_list_jobs", nil)

			// Toolsets and tools add up; read-only then removes writes.
			mixed := connect(t, r.ts.URL, clientConfig{protocol: era, headers: map[string]string{
				mcpserver.HeaderToolsets: "offices", mcpserver.HeaderTools: "join_get_job, join_update_job_status", mcpserver.HeaderReadonly: "1",
			}})
			assert.Equal(t, []string{"join_get_job", "join_get_office", "join_list_offices"}, toolNames(t, mixed))

			// X-MCP-Readonly=false is not a widening: it is the default.
			notRO := connect(t, r.ts.URL, clientConfig{protocol: era, headers: map[string]string{mcpserver.HeaderReadonly: "false"}})
			assert.Equal(t, allNames, toolNames(t, notRO))
		})
	}
}

// Headers select from what the server's flags enabled: they never widen.
func TestHeaderNarrowingNeverWidens(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{filter: tools.Filter{ReadOnly: true}}, true)
	var serverNames []string
	for _, tool := range r.srv.Tools {
		require.True(t, tool.ReadOnly(), "--read-only server offers %s", tool.Def.Name)
		serverNames = append(serverNames, tool.Def.Name)
	}
	for _, era := range eras {
		t.Run(era, func(t *testing.T) {
			for _, headers := range []map[string]string{
				{mcpserver.HeaderReadonly: "false"},
				{mcpserver.HeaderTools: "join_update_job_status"},
				{mcpserver.HeaderTools: "join_update_job_status", mcpserver.HeaderReadonly: "false"},
				{mcpserver.HeaderToolsets: "jobs", mcpserver.HeaderReadonly: "false"},
				{mcpserver.HeaderToolsets: "all"},
			} {
				cs := connect(t, r.ts.URL, clientConfig{protocol: era, headers: headers})
				names := toolNames(t, cs)
				assert.NotContains(t, names, "join_update_job_status", "headers %v", headers)
				for _, n := range names {
					assert.True(t, slices.Contains(serverNames, n), "headers %v widened to %s", headers, n)
				}
				refused(t, r, cs, "join_update_job_status", statusArgs)
			}
			// Asking only for disabled tools leaves nothing, not everything.
			cs := connect(t, r.ts.URL, clientConfig{protocol: era, headers: map[string]string{mcpserver.HeaderTools: "join_update_job_status"}})
			assert.Empty(t, toolNames(t, cs))
		})
	}
	job, ok := r.fake.Store(r.fake.Token()).Job(jobOffline)
	require.True(t, ok)
	assert.Equal(t, "OFFLINE", job.Status, "the job was never published")

	// A server started with a narrower selection: X-MCP-Toolsets cannot bring
	// back a toolset the flags left out.
	narrow := newRig(t, rigConfig{filter: tools.Filter{Toolsets: []string{"offices"}}}, true)
	cs := connect(t, narrow.ts.URL, clientConfig{protocol: legacyProtocol, headers: map[string]string{mcpserver.HeaderToolsets: "jobs,offices"}})
	for _, n := range toolNames(t, cs) {
		assert.True(t, strings.Contains(n, "office"), "X-MCP-Toolsets widened to %s", n)
	}
	refused(t, narrow, cs, "join_list_jobs", nil)
}

func TestHeaderNarrowingBadValues(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{}, true)
	for _, tc := range []struct {
		headers map[string]string
		want    []string
	}{
		{map[string]string{mcpserver.HeaderTools: "join_get_job,join_frobnicate"}, []string{mcpserver.HeaderTools, `"join_frobnicate"`}},
		{map[string]string{mcpserver.HeaderToolsets: "jobs,payroll"}, []string{mcpserver.HeaderToolsets, `"payroll"`}},
		{map[string]string{mcpserver.HeaderReadonly: "yes"}, []string{mcpserver.HeaderReadonly, "true or false"}},
	} {
		for _, e := range endpoints {
			res := e.send(t, r, tc.headers)
			assert.Equal(t, http.StatusBadRequest, res.status, "%s with %v", e.name, tc.headers)
			msg := errorMessage(t, res)
			for _, w := range tc.want {
				assert.Contains(t, msg, w, "%s with %v", e.name, tc.headers)
			}
		}
		_, err := tryConnect(t, r.ts.URL, clientConfig{protocol: modernProtocol, headers: tc.headers})
		assert.Error(t, err, "a client with %v", tc.headers)
	}
}
