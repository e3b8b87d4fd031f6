package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/tools"
)

// Tests of the command line: parseConfig with an injected environment, and
// run() end to end in-process (the environment through t.Setenv, so these
// tests do not run in parallel).

// selection is what the registry selects for f: the tool names the command
// line and the MCP server must agree with. Counting from the registry keeps
// these tests right when a tool is added; every one of the 27 JOIN
// operations is a tool, so there are at least that many.
func selection(t testing.TB, f tools.Filter) []string {
	t.Helper()
	sel, err := tools.Select(tools.All(tools.Deps{Client: func(context.Context) (*joinclient.Client, error) { return nil, nil }}), f)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(sel))
	for i, tool := range sel {
		names[i] = tool.Def.Name
	}
	return names
}

func allToolCount(t testing.TB) int {
	n := len(selection(t, tools.Filter{}))
	if n < len(joinclient.Routes) {
		t.Fatalf("%d tools for %d JOIN operations", n, len(joinclient.Routes))
	}
	return n
}

func readOnlyToolCount(t testing.TB) int { return len(selection(t, tools.Filter{ReadOnly: true})) }

// envMap turns a map into parseConfig's lookup function.
func envMap(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// clearEnv neutralises every variable join-mcp reads, so the developer's
// shell cannot change a test's outcome (an empty value counts as unset).
func clearEnv(t *testing.T) {
	t.Helper()
	for _, e := range envVars {
		t.Setenv(e.name, "")
	}
}

// runCLI runs the command in-process with empty stdin and returns the exit
// code and both streams.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	code = run(ctx, args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// toolNames parses the table printed by `join-mcp tools`.
func toolNames(t *testing.T, stdout string) []string {
	t.Helper()
	ls := lines(stdout)
	if len(ls) == 0 || !strings.HasPrefix(ls[0], "NAME") {
		t.Fatalf("tools output has no header:\n%s", stdout)
	}
	var names []string
	for _, l := range ls[1:] {
		names = append(names, strings.Fields(l)[0])
	}
	return names
}

func TestParseConfigDefaults(t *testing.T) {
	cfg, err := parseConfig([]string{"--sandbox"}, envMap(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.transport != "stdio" || cfg.logLevel != "info" || cfg.logFormat != "json" ||
		cfg.maxResultBytes != tools.DefaultMaxResultBytes || cfg.command != "" || !cfg.sandbox || cfg.baseURL != "" {
		t.Errorf("defaults: %+v", cfg)
	}
	if cfg.filter.ReadOnly || cfg.filter.Toolsets != nil || cfg.filter.Tools != nil || cfg.filter.Exclude != nil {
		t.Errorf("default filter: %+v", cfg.filter)
	}

	cfg, err = parseConfig(nil, envMap(map[string]string{"JOIN_API_TOKEN": "tok"}), io.Discard)
	if err != nil || cfg.token != "tok" || cfg.sandbox {
		t.Errorf("token from env: %+v, %v", cfg, err)
	}
}

func TestParseConfigEnvironment(t *testing.T) {
	cfg, err := parseConfig(nil, envMap(map[string]string{
		"JOIN_API_TOKEN":         "tok",
		"JOIN_API_BASE_URL":      "https://join.example/v2",
		"JOIN_MCP_TOOLSETS":      "jobs, applications",
		"JOIN_MCP_TOOLS":         "join_list_offices",
		"JOIN_MCP_EXCLUDE_TOOLS": "join_get_job,,",
		"JOIN_MCP_READ_ONLY":     "true",
		"JOIN_MCP_LOG_LEVEL":     "debug",
		"JOIN_MCP_LOG_FORMAT":    "console",
	}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := tools.Filter{Toolsets: []string{"jobs", "applications"}, Tools: []string{"join_list_offices"}, Exclude: []string{"join_get_job"}, ReadOnly: true}
	if !slices.Equal(cfg.filter.Toolsets, want.Toolsets) || !slices.Equal(cfg.filter.Tools, want.Tools) ||
		!slices.Equal(cfg.filter.Exclude, want.Exclude) || !cfg.filter.ReadOnly {
		t.Errorf("filter = %+v, want %+v", cfg.filter, want)
	}
	if cfg.baseURL != "https://join.example/v2" || cfg.logLevel != "debug" || cfg.logFormat != "console" {
		t.Errorf("cfg = %+v", cfg)
	}
}

func TestParseConfigFlagsWinOverEnv(t *testing.T) {
	env := map[string]string{
		"JOIN_API_TOKEN":         "tok",
		"JOIN_API_BASE_URL":      "https://env.example/v2",
		"JOIN_MCP_TOOLSETS":      "lookups",
		"JOIN_MCP_TOOLS":         "join_list_offices",
		"JOIN_MCP_EXCLUDE_TOOLS": "join_get_job",
		"JOIN_MCP_READ_ONLY":     "false",
		"JOIN_MCP_LOG_LEVEL":     "debug",
		"JOIN_MCP_LOG_FORMAT":    "console",
	}
	cfg, err := parseConfig([]string{
		"--base-url", "https://flag.example/v2", "--toolsets", "jobs", "--tools", "join_get_office",
		"--exclude-tools", "join_list_jobs", "--read-only", "--log-level", "warn", "--log-format", "json",
	}, envMap(env), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.baseURL != "https://flag.example/v2" || cfg.logLevel != "warn" || cfg.logFormat != "json" || !cfg.filter.ReadOnly ||
		!slices.Equal(cfg.filter.Toolsets, []string{"jobs"}) || !slices.Equal(cfg.filter.Tools, []string{"join_get_office"}) ||
		!slices.Equal(cfg.filter.Exclude, []string{"join_list_jobs"}) {
		t.Errorf("flags did not win: %+v", cfg)
	}

	// --read-only=false turns off JOIN_MCP_READ_ONLY=true, and wins over a
	// malformed value too.
	for _, v := range []string{"true", "yes"} {
		env["JOIN_MCP_READ_ONLY"] = v
		cfg, err = parseConfig([]string{"--read-only=false"}, envMap(env), io.Discard)
		if err != nil || cfg.filter.ReadOnly {
			t.Errorf("JOIN_MCP_READ_ONLY=%s --read-only=false: readOnly=%v err=%v", v, cfg.filter.ReadOnly, err)
		}
	}
}

func TestParseConfigReadOnlyEnvValues(t *testing.T) {
	for v, want := range map[string]bool{"true": true, "1": true, "TRUE": true, "false": false, "0": false, "": false} {
		cfg, err := parseConfig([]string{"--sandbox"}, envMap(map[string]string{"JOIN_MCP_READ_ONLY": v}), io.Discard)
		if err != nil || cfg.filter.ReadOnly != want {
			t.Errorf("JOIN_MCP_READ_ONLY=%q: readOnly=%v err=%v, want %v", v, cfg.filter.ReadOnly, err, want)
		}
	}
	// A safety switch that cannot be parsed must not silently mean "off".
	_, err := parseConfig([]string{"--sandbox"}, envMap(map[string]string{"JOIN_MCP_READ_ONLY": "yes"}), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "JOIN_MCP_READ_ONLY") {
		t.Errorf("JOIN_MCP_READ_ONLY=yes: err = %v", err)
	}
}

func TestParseConfigFlagsAfterCommand(t *testing.T) {
	cfg, err := parseConfig([]string{"--sandbox", "call", "join_list_jobs", "{}", "--read-only", "--toolsets", "jobs"}, envMap(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.command != "call" || !slices.Equal(cfg.commandArgs, []string{"join_list_jobs", "{}"}) ||
		!cfg.filter.ReadOnly || !slices.Equal(cfg.filter.Toolsets, []string{"jobs"}) {
		t.Errorf("cfg = %+v", cfg)
	}
	cfg, err = parseConfig([]string{"tools", "--sandbox"}, envMap(nil), io.Discard)
	if err != nil || cfg.command != "tools" || !cfg.sandbox {
		t.Errorf("tools --sandbox: %+v, %v", cfg, err)
	}
	cfg, err = parseConfig([]string{"--sandbox", "serve"}, envMap(nil), io.Discard)
	if err != nil || cfg.command != "" {
		t.Errorf("serve: %+v, %v", cfg, err)
	}
	// "--" ends the flags: a JSON argument that starts with "-" is not a flag.
	cfg, err = parseConfig([]string{"--sandbox", "call", "--", "join_get_job", `{"jobId":3001}`}, envMap(nil), io.Discard)
	if err != nil || cfg.command != "call" || !slices.Equal(cfg.commandArgs, []string{"join_get_job", `{"jobId":3001}`}) {
		t.Errorf("call -- ...: %+v, %v", cfg, err)
	}
}

func TestParseConfigErrors(t *testing.T) {
	sandbox := map[string]string{}
	token := map[string]string{"JOIN_API_TOKEN": "tok"}
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"missing token", nil, sandbox, "JOIN_API_TOKEN"},
		{"blank token", nil, map[string]string{"JOIN_API_TOKEN": "  "}, "JOIN_API_TOKEN"},
		{"bad flag", []string{"--nope"}, token, "-nope"},
		{"log level", []string{"--log-level", "bogus"}, token, "bogus"},
		{"log level env", nil, map[string]string{"JOIN_API_TOKEN": "tok", "JOIN_MCP_LOG_LEVEL": "trace"}, "trace"},
		{"log format", []string{"--log-format", "xml"}, token, "xml"},
		{"transport", []string{"--transport", "bogus"}, token, "bogus"},
		{"max result bytes", []string{"--max-result-bytes", "10"}, token, "--max-result-bytes"},
		{"max result bytes not a number", []string{"--max-result-bytes", "lots"}, token, "max-result-bytes"},
		{"sandbox and base url", []string{"--sandbox", "--base-url", "http://x"}, sandbox, "--base-url"},
		{"sandbox and base url env", []string{"--sandbox"}, map[string]string{"JOIN_API_BASE_URL": "http://x"}, "JOIN_API_BASE_URL"},
		{"unknown command", []string{"--sandbox", "frobnicate"}, sandbox, "frobnicate"},
		{"call without tool", []string{"--sandbox", "call"}, sandbox, "usage"},
		{"call with extra args", []string{"--sandbox", "call", "a", "{}", "b"}, sandbox, "usage"},
		{"serve with args", []string{"--sandbox", "serve", "x"}, sandbox, `"x"`},
		{"read only env", nil, map[string]string{"JOIN_API_TOKEN": "tok", "JOIN_MCP_READ_ONLY": "on"}, "JOIN_MCP_READ_ONLY"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseConfig(tc.args, envMap(tc.env), io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// TestRunConfigErrors: a bad start prints exactly one line on stderr, nothing
// on stdout, and exits 2.
func TestRunConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want []string // substrings of the one stderr line
	}{
		{"missing token", nil, nil, []string{"JOIN_API_TOKEN"}},
		{"missing token with command", []string{"tools"}, nil, []string{"JOIN_API_TOKEN"}},
		{"bad flag", []string{"--sandbox", "--bogus-flag"}, nil, []string{"-bogus-flag", "--help"}},
		{"bad flag after command", []string{"--sandbox", "tools", "--bogus-flag"}, nil, []string{"-bogus-flag"}},
		{"unknown toolset", []string{"--sandbox", "--toolsets", "jobs,nope"}, nil, append([]string{`"nope"`}, tools.Toolsets...)},
		{"unknown toolset env", []string{"--sandbox"}, map[string]string{"JOIN_MCP_TOOLSETS": "nope"}, append([]string{`"nope"`}, tools.Toolsets...)},
		{"unknown toolset with token", nil, map[string]string{"JOIN_API_TOKEN": "tok", "JOIN_MCP_TOOLSETS": "nope"}, []string{`"nope"`, "jobs"}},
		{"unknown tool", []string{"--sandbox", "--tools", "join_nope"}, nil, []string{`"join_nope"`, "valid tools are", "join_get_job"}},
		{"unknown excluded tool", []string{"--sandbox", "--exclude-tools", "join_nope"}, nil, []string{`"join_nope"`}},
		{"empty selection", []string{"--sandbox", "--toolsets", "lookups", "--exclude-tools", "join_list_categories,join_list_employment_types,join_list_seniority_levels"}, nil, []string{"empty"}},
		{"log level", []string{"--sandbox", "--log-level", "bogus"}, nil, []string{"bogus"}},
		{"transport", []string{"--sandbox", "--transport", "bogus"}, nil, []string{"bogus", "stdio"}},
		{"sandbox and base url", []string{"--sandbox", "--base-url", "http://127.0.0.1:1/v2"}, nil, []string{"--sandbox", "--base-url"}},
		{"read only env", []string{"--sandbox"}, map[string]string{"JOIN_MCP_READ_ONLY": "yes"}, []string{"JOIN_MCP_READ_ONLY"}},
		{"call with non-JSON arguments", []string{"--sandbox", "call", "join_list_jobs", "{status: ONLINE}"}, nil, []string{"JSON object"}},
		{"call with a JSON array", []string{"--sandbox", "call", "join_list_jobs", "[1]"}, nil, []string{"JSON object"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != exitBadConfig {
				t.Errorf("exit code %d, want %d", code, exitBadConfig)
			}
			if stdout != "" {
				t.Errorf("stdout must stay empty, got %q", stdout)
			}
			ls := lines(stderr)
			if len(ls) != 1 {
				t.Fatalf("want exactly one line on stderr, got %d:\n%s", len(ls), stderr)
			}
			if !strings.HasPrefix(ls[0], "join-mcp: ") {
				t.Errorf("stderr line %q lacks the join-mcp: prefix", ls[0])
			}
			for _, w := range tc.want {
				if !strings.Contains(ls[0], w) {
					t.Errorf("stderr %q does not mention %q", ls[0], w)
				}
			}
		})
	}
}

func TestRunVersion(t *testing.T) {
	clearEnv(t)
	// No token needed, and flags that would fail later do not matter.
	code, stdout, stderr := runCLI(t, "--version")
	if code != exitOK || stdout != "join-mcp "+version+"\n" || stderr != "" {
		t.Errorf("--version: code %d stdout %q stderr %q", code, stdout, stderr)
	}
}

func TestRunHelp(t *testing.T) {
	clearEnv(t)
	for _, arg := range []string{"--help", "-h"} {
		code, stdout, stderr := runCLI(t, arg)
		if code != exitOK {
			t.Errorf("%s: exit %d", arg, code)
		}
		if stdout != "" {
			t.Errorf("%s: stdout must stay empty, got %q", arg, stdout)
		}
		for _, want := range []string{"Usage:", "join-mcp [flags] call TOOL", "-sandbox", "-read-only", "-toolsets", "JOIN_API_TOKEN", "JOIN_MCP_READ_ONLY"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s: usage lacks %q:\n%s", arg, want, stderr)
			}
		}
	}
}

func TestRunToolsCommand(t *testing.T) {
	all := tools.Filter{}
	readOnly := tools.Filter{ReadOnly: true}
	jobs := tools.Filter{Toolsets: []string{"jobs"}}
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want tools.Filter
	}{
		{"all", []string{"--sandbox", "tools"}, nil, all},
		{"read-only", []string{"--sandbox", "--read-only", "tools"}, nil, readOnly},
		{"read-only after the command", []string{"--sandbox", "tools", "--read-only"}, nil, readOnly},
		{"toolsets jobs", []string{"--sandbox", "--toolsets", "jobs", "tools"}, nil, jobs},
		{"toolsets jobs read-only", []string{"--sandbox", "--toolsets", "jobs", "--read-only", "tools"}, nil, tools.Filter{Toolsets: []string{"jobs"}, ReadOnly: true}},
		{"toolsets all", []string{"--sandbox", "--toolsets", "all", "tools"}, nil, all},
		{"single tool", []string{"--sandbox", "--tools", "join_get_job", "tools"}, nil, tools.Filter{Tools: []string{"join_get_job"}}},
		{"toolset plus tool", []string{"--sandbox", "--toolsets", "lookups", "--tools", "join_get_job", "tools"}, nil, tools.Filter{Toolsets: []string{"lookups"}, Tools: []string{"join_get_job"}}},
		{"exclude", []string{"--sandbox", "--exclude-tools", "join_delete_application,join_delete_candidate_note", "tools"}, nil, tools.Filter{Exclude: []string{"join_delete_application", "join_delete_candidate_note"}}},
		{"read-only wins over tools", []string{"--sandbox", "--tools", "join_create_job,join_get_job", "--read-only", "tools"}, nil, tools.Filter{Tools: []string{"join_get_job"}}},
		{"env read-only", []string{"--sandbox", "tools"}, map[string]string{"JOIN_MCP_READ_ONLY": "true"}, readOnly},
		{"env read-only, flag false", []string{"--sandbox", "--read-only=false", "tools"}, map[string]string{"JOIN_MCP_READ_ONLY": "true"}, all},
		{"env not read-only, flag true", []string{"--sandbox", "--read-only", "tools"}, map[string]string{"JOIN_MCP_READ_ONLY": "false"}, readOnly},
		{"env toolsets", []string{"--sandbox", "tools"}, map[string]string{"JOIN_MCP_TOOLSETS": "lookups"}, tools.Filter{Toolsets: []string{"lookups"}}},
		{"flag toolsets win", []string{"--sandbox", "--toolsets", "jobs", "tools"}, map[string]string{"JOIN_MCP_TOOLSETS": "lookups"}, jobs},
		{"env tools and exclude", []string{"--sandbox", "tools"}, map[string]string{"JOIN_MCP_TOOLS": "join_get_job,join_list_jobs", "JOIN_MCP_EXCLUDE_TOOLS": "join_list_jobs"}, tools.Filter{Tools: []string{"join_get_job"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, stderr)
			}
			names := toolNames(t, stdout)
			if want := selection(t, tc.want); !slices.Equal(names, want) {
				t.Errorf("tools:\n got %v\nwant %v", names, want)
			}
			if !slices.IsSorted(names) {
				t.Errorf("tools are not sorted: %v", names)
			}
			if tc.want.ReadOnly {
				for _, l := range lines(stdout)[1:] {
					if !strings.HasSuffix(l, "read-only") {
						t.Errorf("read-only listing has a write tool: %q", l)
					}
				}
			}
		})
	}
	// The selections the brief names, as numbers.
	if n := allToolCount(t); n < 27 {
		t.Errorf("%d tools, want at least the 27 JOIN operations", n)
	}
	if n := len(selection(t, jobs)); n < 7 {
		t.Errorf("jobs toolset has %d tools, want at least 7", n)
	}
}

func TestRunToolsKinds(t *testing.T) {
	clearEnv(t)
	code, stdout, _ := runCLI(t, "--sandbox", "tools")
	if code != exitOK {
		t.Fatal(code)
	}
	kinds := map[string]string{}
	for _, l := range lines(stdout)[1:] {
		name := strings.Fields(l)[0]
		switch {
		case strings.HasSuffix(l, "read-only"):
			kinds[name] = "read-only"
		case strings.HasSuffix(l, "destructive (confirm)"):
			kinds[name] = "destructive"
		case strings.HasSuffix(l, "write"):
			kinds[name] = "write"
		default:
			t.Errorf("line without a kind: %q", l)
		}
	}
	for name, want := range map[string]string{
		"join_list_jobs": "read-only", "join_get_attachment": "read-only", "join_create_job": "write",
		"join_create_candidate_note": "write", "join_delete_application": "destructive", "join_update_job_status": "destructive",
	} {
		if kinds[name] != want {
			t.Errorf("%s is %q, want %q", name, kinds[name], want)
		}
	}
}

// callResult is the JSON that `join-mcp call` prints.
type callResult struct {
	Content []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	} `json:"content"`
	StructuredContent map[string]any `json:"structuredContent"`
	IsError           bool           `json:"isError"`
}

func runCall(t *testing.T, wantCode int, args ...string) callResult {
	t.Helper()
	code, stdout, stderr := runCLI(t, args...)
	if code != wantCode {
		t.Fatalf("%v: exit %d, want %d\nstdout: %s\nstderr: %s", args, code, wantCode, stdout, stderr)
	}
	var res callResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("stdout is not one JSON result: %v\n%s", err, stdout)
	}
	return res
}

func TestRunCallSandbox(t *testing.T) {
	clearEnv(t)
	res := runCall(t, exitOK, "--sandbox", "call", "join_list_jobs", `{"status":"ONLINE"}`)
	if res.IsError || res.StructuredContent == nil {
		t.Fatalf("result: %+v", res)
	}
	items, _ := res.StructuredContent["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("no jobs: %+v", res.StructuredContent)
	}
	for _, it := range items {
		if st := it.(map[string]any)["status"]; st != "ONLINE" {
			t.Errorf("status filter ignored: %v", st)
		}
	}
	// The text content is the same JSON, compact.
	if len(res.Content) != 1 || res.Content[0].Type != "text" {
		t.Fatalf("content: %+v", res.Content)
	}
	var fromText map[string]any
	if err := json.Unmarshal([]byte(res.Content[0].Text), &fromText); err != nil {
		t.Fatalf("text is not JSON: %v", err)
	}
	if fmt.Sprint(fromText) != fmt.Sprint(res.StructuredContent) {
		t.Error("text and structuredContent differ")
	}
	if strings.Contains(res.Content[0].Text, "\n ") {
		t.Error("text JSON is indented; it should be compact")
	}

	// No arguments at all means {}.
	res = runCall(t, exitOK, "--sandbox", "call", "join_list_jobs")
	if res.StructuredContent["page"] != 1.0 || res.StructuredContent["pageSize"] != 20.0 {
		t.Errorf("defaults: %v", res.StructuredContent)
	}
}

func TestRunCallFlagsAfterCommand(t *testing.T) {
	clearEnv(t)
	runCall(t, exitOK, "--sandbox", "call", "join_list_jobs", "{}", "--read-only")
	// With --read-only after the command the write tool is not there at all.
	code, stdout, stderr := runCLI(t, "--sandbox", "call", "join_create_job", `{"title":"x"}`, "--read-only")
	if code != exitFailure || stdout != "" || !strings.Contains(stderr, "join_create_job") {
		t.Errorf("write tool with --read-only after the command: exit %d stdout %q stderr %q", code, stdout, stderr)
	}
}

func TestRunCallToolError(t *testing.T) {
	clearEnv(t)
	res := runCall(t, exitFailure, "--sandbox", "call", "join_get_job", `{"jobId":999999}`)
	if !res.IsError || len(res.Content) == 0 || !strings.Contains(res.Content[0].Text, "999999") {
		t.Errorf("unknown id: %+v", res)
	}
	res = runCall(t, exitFailure, "--sandbox", "call", "join_get_job", `{"jobId":"three"}`)
	if !res.IsError || !strings.Contains(res.Content[0].Text, "jobId") {
		t.Errorf("bad argument type: %+v", res)
	}
	res = runCall(t, exitFailure, "--sandbox", "call", "join_get_job", `{}`)
	if !res.IsError || !strings.Contains(res.Content[0].Text, "jobId") {
		t.Errorf("missing argument: %+v", res)
	}
}

func TestRunCallUnknownTool(t *testing.T) {
	clearEnv(t)
	code, stdout, stderr := runCLI(t, "--sandbox", "call", "join_nope", "{}")
	if code != exitFailure || stdout != "" || !strings.Contains(stderr, "join_nope") {
		t.Errorf("exit %d stdout %q stderr %q", code, stdout, stderr)
	}
}

func TestRunCallConfirmGate(t *testing.T) {
	clearEnv(t)
	res := runCall(t, exitOK, "--sandbox", "call", "join_update_job_status", `{"jobId":3007,"status":"ONLINE"}`)
	if res.StructuredContent["status"] != "needs_confirmation" || res.StructuredContent["preview"] == nil {
		t.Errorf("without confirm: %v", res.StructuredContent)
	}
	// The in-process CLI client has no elicitation: confirm=true proceeds.
	res = runCall(t, exitOK, "--sandbox", "call", "join_update_job_status", `{"jobId":3007,"status":"ONLINE","confirm":true}`)
	if res.StructuredContent["status"] != "done" {
		t.Errorf("with confirm: %v", res.StructuredContent)
	}
}

// TestRunLogs: logs go to stderr as JSON lines, never the sandbox token;
// --log-level error silences the info lines; console format is not JSON.
func TestRunLogs(t *testing.T) {
	clearEnv(t)
	code, _, stderr := runCLI(t, "--sandbox", "--log-level", "debug", "call", "join_list_jobs", "{}")
	if code != exitOK {
		t.Fatal(code)
	}
	sawToolLine := false
	for _, l := range lines(stderr) {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("stderr line is not JSON: %q", l)
			continue
		}
		if m["tool"] == "join_list_jobs" {
			sawToolLine = true
			if m["upstreamCalls"] == nil || m["duration"] == nil {
				t.Errorf("tool call line lacks fields: %v", m)
			}
		}
	}
	if !sawToolLine {
		t.Errorf("no debug line for the tool call:\n%s", stderr)
	}
	if strings.Contains(stderr, "sandbox-token") {
		t.Error("the sandbox token reached the log")
	}

	code, _, stderr = runCLI(t, "--sandbox", "--log-level", "error", "call", "join_list_jobs", "{}")
	if code != exitOK || stderr != "" {
		t.Errorf("--log-level error: exit %d stderr %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "--sandbox", "--log-format", "console", "tools")
	if code != exitOK || stderr == "" || strings.HasPrefix(stderr, "{") {
		t.Errorf("--log-format console: exit %d stderr %q", code, stderr)
	}
}

// TestRunServeInProcess drives the stdio server through run() with pipes:
// initialize, tools/list, a call, then stdin closes and run returns 0.
func TestRunServeInProcess(t *testing.T) {
	clearEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		code := run(ctx, []string{"--sandbox"}, inR, outW, &stderr)
		outW.Close()
		done <- code
	}()
	dec := bufio.NewScanner(outR)
	dec.Buffer(make([]byte, 1<<20), 16<<20)
	send := func(msg string) {
		t.Helper()
		if _, err := io.WriteString(inW, msg+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	recv := func(id int) map[string]any {
		t.Helper()
		for dec.Scan() {
			var m map[string]any
			if err := json.Unmarshal(dec.Bytes(), &m); err != nil {
				t.Fatalf("stdout line is not JSON: %q", dec.Text())
			}
			if m["jsonrpc"] != "2.0" {
				t.Fatalf("not JSON-RPC: %q", dec.Text())
			}
			if m["id"] == float64(id) {
				return m
			}
		}
		t.Fatalf("stdout ended before the answer to %d: %v", id, dec.Err())
		return nil
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`)
	init := recv(1)
	result, _ := init["result"].(map[string]any)
	if result["protocolVersion"] != "2025-11-25" || result["instructions"] == nil {
		t.Fatalf("initialize: %v", init)
	}
	send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	send(`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	list := recv(2)
	toolList, _ := list["result"].(map[string]any)["tools"].([]any)
	if len(toolList) != allToolCount(t) {
		t.Errorf("%d tools, want %d", len(toolList), allToolCount(t))
	}
	send(`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"join_get_job","arguments":{"jobId":3001}}}`)
	call := recv(3)
	sc, _ := call["result"].(map[string]any)["structuredContent"].(map[string]any)
	if sc["id"] != 3001.0 {
		t.Errorf("join_get_job: %v", call)
	}
	inW.Close()
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after stdin closed; stderr:\n%s", code, stderr.String())
		}
	case <-ctx.Done():
		t.Fatal("run did not return after stdin closed")
	}
	if strings.Contains(stderr.String(), "sandbox-token") {
		t.Error("the sandbox token reached the log")
	}
}

// TestRunServeContextCancel: the server stops with exit 0 when the context
// ends (SIGINT/SIGTERM in main) even though stdin stays open.
func TestRunServeContextCancel(t *testing.T) {
	clearEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	inR, inW := io.Pipe()
	defer inW.Close()
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"--sandbox", "--log-level", "error"}, inR, io.Discard, io.Discard) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after the context ended")
	}
}
