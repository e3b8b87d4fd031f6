package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/join-mcp/join-mcp/tools"
)

// End-to-end tests: the real binary, started as a subprocess with --sandbox,
// driven over stdio by the official Go SDK client in both protocol eras.
// They build the binary once per test run and are skipped with -short.

// protocolVersions are the two eras a client may speak: the initialize
// handshake (most clients today) and the stateless 2026-07-28 revision.
var protocolVersions = []string{"2025-11-25", "2026-07-28"}

var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// binary builds join-mcp once per test run and returns its path.
func binary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "join-mcp-e2e-")
		if buildErr != nil {
			return
		}
		buildBin = filepath.Join(buildDir, "join-mcp")
		cmd := exec.Command("go", "build", "-o", buildBin, ".")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out.String())
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildBin
}

// e2eSession is one join-mcp process with an SDK client session.
type e2eSession struct {
	cs     *sdk.ClientSession
	cmd    *exec.Cmd
	stderr *syncBuffer
}

// connect starts join-mcp with args and connects the Go SDK client speaking
// version. The process is stopped at the end of the test if still running.
func connect(t *testing.T, version string, opts *sdk.ClientOptions, args ...string) *e2eSession {
	t.Helper()
	bin := binary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	cmd := exec.Command(bin, append([]string{"--sandbox"}, args...)...)
	// The token and the developer's settings must not leak into the process.
	cmd.Env = cleanEnv()
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	client := sdk.NewClient(&sdk.Implementation{Name: "join-mcp-e2e", Version: "1"}, opts)
	cs, err := client.Connect(ctx, &sdk.CommandTransport{Command: cmd, TerminateDuration: 5 * time.Second},
		&sdk.ClientSessionOptions{ProtocolVersion: version})
	if err != nil {
		t.Fatalf("connect (%s): %v\nstderr:\n%s", version, err, stderr.String())
	}
	s := &e2eSession{cs: cs, cmd: cmd, stderr: stderr}
	t.Cleanup(func() {
		_ = cs.Close()
		if cmd.ProcessState == nil && cmd.Process != nil {
			_ = cmd.Process.Kill()
		}
	})
	if got := cs.InitializeResult().ProtocolVersion; got != version {
		t.Fatalf("negotiated protocol %s, want %s", got, version)
	}
	return s
}

func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "JOIN_") {
			env = append(env, kv)
		}
	}
	return env
}

// close ends the session the way a client should (closing stdin) and checks
// that the server exited by itself with code 0, well before the SDK's SIGTERM.
func (s *e2eSession) close(t *testing.T) {
	t.Helper()
	start := time.Now()
	err := s.cs.Close()
	if err != nil {
		t.Errorf("closing the session: %v", err)
	}
	if s.cmd.ProcessState == nil {
		t.Fatal("process state unknown after Close")
	}
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit code %d after stdin closed; stderr:\n%s", code, s.stderr.String())
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("the server took %v to exit after stdin closed", d)
	}
}

// checkStderr: JSON log lines only, never the sandbox token.
func (s *e2eSession) checkStderr(t *testing.T) {
	t.Helper()
	out := s.stderr.String()
	if strings.Contains(out, "sandbox-token") {
		t.Error("the sandbox token reached stderr")
	}
	sawServing := false
	for _, l := range lines(out) {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("stderr line is not JSON: %q", l)
			continue
		}
		if m["level"] == nil || m["message"] == nil || m["time"] == nil {
			t.Errorf("log line lacks level/message/time: %q", l)
		}
		if m["message"] == "serving MCP on stdio" {
			sawServing = true
		}
	}
	if !sawServing {
		t.Errorf("no 'serving MCP on stdio' log line:\n%s", out)
	}
}

// call runs a tool and returns the result and its structured content.
func (s *e2eSession) call(t *testing.T, name string, args map[string]any) (*sdk.CallToolResult, map[string]any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	res, err := s.cs.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v\nstderr:\n%s", name, err, s.stderr.String())
	}
	var sc map[string]any
	if res.StructuredContent != nil {
		b, _ := json.Marshal(res.StructuredContent)
		if err := json.Unmarshal(b, &sc); err != nil {
			t.Fatalf("%s: structuredContent is not an object: %s", name, b)
		}
	}
	return res, sc
}

// mustCall is call for a result that must not be a tool error.
func (s *e2eSession) mustCall(t *testing.T, name string, args map[string]any) map[string]any {
	t.Helper()
	res, sc := s.call(t, name, args)
	if res.IsError {
		t.Fatalf("%s(%v) is a tool error: %s", name, args, contentText(res))
	}
	if sc == nil {
		t.Fatalf("%s: no structuredContent", name)
	}
	// Every result carries the same JSON as text.
	var fromText map[string]any
	if err := json.Unmarshal([]byte(contentText(res)), &fromText); err != nil {
		t.Fatalf("%s: first content is not the JSON text: %v", name, err)
	}
	if fmt.Sprint(fromText) != fmt.Sprint(sc) {
		t.Errorf("%s: text and structuredContent differ", name)
	}
	return sc
}

func contentText(res *sdk.CallToolResult) string {
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			return tc.Text
		}
	}
	return ""
}

func num(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

func TestE2EStdio(t *testing.T) {
	binary(t)
	for _, v := range protocolVersions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			testE2EScenario(t, v)
		})
	}
}

func testE2EScenario(t *testing.T, proto string) {
	s := connect(t, proto, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	init := s.cs.InitializeResult()
	if init.ServerInfo == nil || init.ServerInfo.Name != "join-mcp" || init.ServerInfo.Version != version {
		t.Errorf("serverInfo: %+v", init.ServerInfo)
	}
	if init.Capabilities == nil || init.Capabilities.Tools == nil {
		t.Errorf("no tools capability: %+v", init.Capabilities)
	}
	if !strings.Contains(init.Instructions, "confirm") {
		t.Errorf("instructions: %q", init.Instructions)
	}

	// tools/list: 27 tools, sorted, each with title, annotations, an object
	// input schema and an output schema.
	list, err := s.cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range list.Tools {
		names = append(names, tool.Name)
		if tool.OutputSchema == nil {
			t.Errorf("%s has no outputSchema", tool.Name)
		}
		if in, _ := tool.InputSchema.(map[string]any); in["type"] != "object" {
			t.Errorf("%s: input schema root is not an object: %v", tool.Name, tool.InputSchema)
		}
		if out, _ := tool.OutputSchema.(map[string]any); out["type"] != "object" {
			t.Errorf("%s: output schema root is not an object", tool.Name)
		}
		if tool.Title == "" || tool.Annotations == nil || tool.Annotations.DestructiveHint == nil || tool.Annotations.OpenWorldHint == nil {
			t.Errorf("%s: title or annotations missing: %+v", tool.Name, tool.Annotations)
		}
		if len(tool.Name) > 64 || tool.Description == "" {
			t.Errorf("%s: name too long or no description", tool.Name)
		}
	}
	if want := selection(t, tools.Filter{}); !slices.Equal(names, want) {
		t.Errorf("tools/list: %d tools, want the %d of the registry, sorted: %v", len(names), len(want), names)
	}

	// Reads.
	jobs := s.mustCall(t, "join_list_jobs", map[string]any{})
	if items, _ := jobs["items"].([]any); len(items) < 10 || jobs["hasMore"] != false {
		t.Errorf("join_list_jobs: %v", jobs)
	}
	job := s.mustCall(t, "join_get_job", map[string]any{"jobId": 3001})
	if num(job["id"]) != 3001 || job["title"] != "Backend Engineer (Go)" {
		t.Errorf("join_get_job: id %v title %v", job["id"], job["title"])
	}

	apps := s.mustCall(t, "join_list_applications", map[string]any{"jobId": 3001, "pageSize": 5})
	items, _ := apps["items"].([]any)
	if len(items) != 5 || apps["hasMore"] != true || num(apps["returned"]) != 5 {
		t.Fatalf("join_list_applications pageSize 5: returned %v hasMore %v items %d", apps["returned"], apps["hasMore"], len(items))
	}
	first := items[0].(map[string]any)
	if j, _ := first["job"].(map[string]any); num(j["id"]) != 3001 {
		t.Errorf("application of another job: %v", first["job"])
	}
	if _, ok := first["coverLetterText"]; ok {
		t.Error("summaries should not carry the cover letter")
	}

	app := s.mustCall(t, "join_get_application", map[string]any{"applicationId": num(first["id"])})
	if num(app["id"]) != num(first["id"]) {
		t.Errorf("join_get_application: id %v", app["id"])
	}
	var pdfID int64
	attachments, _ := app["attachments"].([]any)
	for _, a := range attachments {
		a := a.(map[string]any)
		if strings.HasSuffix(a["name"].(string), ".pdf") {
			pdfID = num(a["id"])
			break
		}
	}
	if pdfID == 0 {
		t.Fatalf("no PDF attachment on application %v: %v", app["id"], attachments)
	}

	// A file comes back as an embedded resource with its MIME type.
	res, meta := s.call(t, "join_get_attachment", map[string]any{"attachmentId": pdfID})
	if res.IsError {
		t.Fatalf("join_get_attachment: %s", contentText(res))
	}
	var blob *sdk.ResourceContents
	for _, c := range res.Content {
		if er, ok := c.(*sdk.EmbeddedResource); ok {
			blob = er.Resource
		}
	}
	if blob == nil || blob.MIMEType != "application/pdf" || !bytes.HasPrefix(blob.Blob, []byte("%PDF")) {
		t.Errorf("join_get_attachment: embedded resource %+v", blob)
	} else if num(meta["size"]) != int64(len(blob.Blob)) || meta["contentType"] != "application/pdf" {
		t.Errorf("join_get_attachment: metadata %v vs %d bytes", meta, len(blob.Blob))
	}

	// A new job is created OFFLINE.
	created := s.mustCall(t, "join_create_job", map[string]any{
		"title": "E2E Test Engineer", "description": "<p>Testing join-mcp end to end.</p>",
		"categoryId": 101, "language": "en", "employmentTypeId": 1, "officeId": 2001,
	})
	if created["status"] != "done" || num(created["id"]) == 0 {
		t.Fatalf("join_create_job: %v", created)
	}
	if got := s.mustCall(t, "join_get_job", map[string]any{"jobId": num(created["id"])}); got["status"] != "OFFLINE" {
		t.Errorf("created job is %v, want OFFLINE", got["status"])
	}

	// A gated tool without confirm: a preview, nothing written.
	preview := s.mustCall(t, "join_update_job_status", map[string]any{"jobId": 3007, "status": "ONLINE"})
	if preview["status"] != "needs_confirmation" || preview["preview"] == nil {
		t.Errorf("without confirm: %v", preview)
	}
	if got := s.mustCall(t, "join_get_job", map[string]any{"jobId": 3007}); got["status"] != "OFFLINE" {
		t.Errorf("job 3007 changed without confirm: %v", got["status"])
	}
	// This client has no elicitation handler: confirm=true proceeds.
	done := s.mustCall(t, "join_update_job_status", map[string]any{"jobId": 3007, "status": "ONLINE", "confirm": true})
	if done["status"] != "done" {
		t.Errorf("confirm=true without elicitation: %v", done)
	}
	if got := s.mustCall(t, "join_get_job", map[string]any{"jobId": 3007}); got["status"] != "ONLINE" {
		t.Errorf("job 3007 is %v after a confirmed change", got["status"])
	}

	// A tool error is a result with isError, not a protocol error.
	res, _ = s.call(t, "join_get_job", map[string]any{"jobId": 999999})
	if !res.IsError || !strings.Contains(contentText(res), "999999") {
		t.Errorf("unknown job: isError %v %q", res.IsError, contentText(res))
	}
	res, _ = s.call(t, "join_list_applications", map[string]any{"pageSize": 500})
	if !res.IsError || !strings.Contains(contentText(res), "pageSize") {
		t.Errorf("bad pageSize: isError %v %q", res.IsError, contentText(res))
	}
	// An unknown tool is a protocol error.
	if _, err := s.cs.CallTool(ctx, &sdk.CallToolParams{Name: "join_nope"}); err == nil {
		t.Error("unknown tool: no error")
	}

	s.close(t)
	s.checkStderr(t)
}

// TestE2EElicitation: with confirm=true a client that can elicit is asked;
// accept writes, decline and cancel do not.
func TestE2EElicitation(t *testing.T) {
	binary(t)
	for _, v := range protocolVersions {
		for _, tc := range []struct {
			name       string
			answer     *sdk.ElicitResult
			wantStatus string
			wantJob    string
		}{
			{"accept", &sdk.ElicitResult{Action: "accept", Content: map[string]any{"confirm": true}}, "done", "ONLINE"},
			{"accept unticked", &sdk.ElicitResult{Action: "accept", Content: map[string]any{"confirm": false}}, "cancelled", "OFFLINE"},
			{"decline", &sdk.ElicitResult{Action: "decline"}, "cancelled", "OFFLINE"},
			{"cancel", &sdk.ElicitResult{Action: "cancel"}, "cancelled", "OFFLINE"},
		} {
			t.Run(v+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				var asked atomic.Int32
				var message atomic.Value
				s := connect(t, v, &sdk.ClientOptions{
					ElicitationHandler: func(_ context.Context, req *sdk.ElicitRequest) (*sdk.ElicitResult, error) {
						asked.Add(1)
						message.Store(req.Params.Message)
						return tc.answer, nil
					},
				})
				// Without confirm nobody is asked.
				if sc := s.mustCall(t, "join_update_job_status", map[string]any{"jobId": 3007, "status": "ONLINE"}); sc["status"] != "needs_confirmation" {
					t.Errorf("without confirm: %v", sc)
				}
				if asked.Load() != 0 {
					t.Error("the user was asked without confirm")
				}
				sc := s.mustCall(t, "join_update_job_status", map[string]any{"jobId": 3007, "status": "ONLINE", "confirm": true})
				if sc["status"] != tc.wantStatus {
					t.Errorf("status %v, want %s: %v", sc["status"], tc.wantStatus, sc)
				}
				if n := asked.Load(); n != 1 {
					t.Errorf("the user was asked %d times, want 1", n)
				}
				if m, _ := message.Load().(string); !strings.Contains(m, "3007") || !strings.Contains(m, "ONLINE") {
					t.Errorf("elicitation message %q does not say what would change", m)
				}
				if got := s.mustCall(t, "join_get_job", map[string]any{"jobId": 3007}); got["status"] != tc.wantJob {
					t.Errorf("job 3007 is %v, want %s", got["status"], tc.wantJob)
				}
				s.close(t)
				s.checkStderr(t)
			})
		}
	}
}

// TestE2EReadOnly: --read-only reaches a real client.
func TestE2EReadOnly(t *testing.T) {
	s := connect(t, "2025-11-25", nil, "--read-only")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	list, err := s.cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Tools) != readOnlyToolCount(t) {
		t.Errorf("%d tools with --read-only, want %d", len(list.Tools), readOnlyToolCount(t))
	}
	for _, tool := range list.Tools {
		if tool.Annotations == nil || !tool.Annotations.ReadOnlyHint {
			t.Errorf("%s is not read-only", tool.Name)
		}
	}
	if !strings.Contains(s.cs.InitializeResult().Instructions, "read-only") {
		t.Error("instructions do not say the server is read-only")
	}
	s.close(t)
}

// readCloser joins a tee'd reader with the pipe it reads from.
type readCloser struct {
	io.Reader
	io.Closer
}

// TestE2EStdoutIsProtocolOnly records every byte the server writes to stdout
// while a client lists tools, calls tools and answers an elicitation, and
// checks that each line is one JSON-RPC 2.0 message. (The SDK client would
// fail on anything else as well; this test says what went wrong.)
func TestE2EStdoutIsProtocolOnly(t *testing.T) {
	bin := binary(t)
	for _, v := range protocolVersions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cmd := exec.Command(bin, "--sandbox", "--log-level", "debug")
			cmd.Env = cleanEnv()
			stderr := &syncBuffer{}
			cmd.Stderr = stderr
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if cmd.ProcessState == nil {
					_ = cmd.Process.Kill()
					_ = cmd.Wait()
				}
			})
			recorded := &syncBuffer{}
			client := sdk.NewClient(&sdk.Implementation{Name: "join-mcp-e2e", Version: "1"}, &sdk.ClientOptions{
				ElicitationHandler: func(context.Context, *sdk.ElicitRequest) (*sdk.ElicitResult, error) {
					return &sdk.ElicitResult{Action: "accept", Content: map[string]any{"confirm": true}}, nil
				},
			})
			cs, err := client.Connect(ctx, &sdk.IOTransport{Reader: readCloser{io.TeeReader(stdout, recorded), stdout}, Writer: stdin},
				&sdk.ClientSessionOptions{ProtocolVersion: v})
			if err != nil {
				t.Fatalf("connect: %v\nstderr:\n%s", err, stderr.String())
			}
			if _, err := cs.ListTools(ctx, nil); err != nil {
				t.Fatal(err)
			}
			for _, p := range []*sdk.CallToolParams{
				{Name: "join_list_applications", Arguments: map[string]any{"pageSize": 50, "full": true}},
				{Name: "join_get_attachment", Arguments: map[string]any{"attachmentId": 200215}},
				{Name: "join_update_job_status", Arguments: map[string]any{"jobId": 3008, "status": "ONLINE", "confirm": true}},
				{Name: "join_get_job", Arguments: map[string]any{"jobId": 1}},
			} {
				if _, err := cs.CallTool(ctx, p); err != nil {
					t.Fatalf("%s: %v", p.Name, err)
				}
			}
			// Closing the session closes stdin: the server must exit 0 by itself.
			_ = cs.Close()
			waitErr := make(chan error, 1)
			go func() { waitErr <- cmd.Wait() }()
			select {
			case err := <-waitErr:
				if err != nil {
					t.Errorf("exit after stdin closed: %v\nstderr:\n%s", err, stderr.String())
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the server did not exit after stdin closed")
			}

			n := 0
			legacy, modern := false, false
			sc := bufio.NewScanner(strings.NewReader(recorded.String()))
			sc.Buffer(make([]byte, 1<<20), 64<<20)
			for sc.Scan() {
				n++
				var m map[string]json.RawMessage
				if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
					t.Fatalf("stdout line %d is not a JSON object: %.200q", n, sc.Text())
				}
				if string(m["jsonrpc"]) != `"2.0"` {
					t.Errorf("stdout line %d is not JSON-RPC 2.0: %.200q", n, sc.Text())
				}
				if string(m["method"]) == `"elicitation/create"` {
					legacy = true
				}
				var result struct {
					InputRequests map[string]any `json:"inputRequests"`
				}
				if json.Unmarshal(m["result"], &result) == nil && len(result.InputRequests) > 0 {
					modern = true
				}
			}
			if n < 6 {
				t.Errorf("only %d messages on stdout", n)
			}
			// Each era asks its own way: a server-initiated elicitation/create
			// request before 2026-07-28, an input-required result after.
			if v == "2025-11-25" && (!legacy || modern) || v == "2026-07-28" && (legacy || !modern) {
				t.Errorf("%s: elicitation/create requests %v, input-required results %v", v, legacy, modern)
			}
			if strings.Contains(recorded.String(), "sandbox-token") || strings.Contains(stderr.String(), "sandbox-token") {
				t.Error("the sandbox token left the process")
			}
			if !strings.Contains(stderr.String(), `"tool":"join_update_job_status"`) {
				t.Errorf("no debug line per tool call on stderr:\n%s", stderr.String())
			}
		})
	}
}

// TestE2EExitOnStdinClose: with no client at all, closing stdin ends the
// process with exit 0 at once; so does closing it right after initialize.
func TestE2EExitOnStdinClose(t *testing.T) {
	bin := binary(t)
	for _, input := range []string{
		"",
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}` + "\n",
	} {
		cmd := exec.Command(bin, "--sandbox")
		cmd.Env = cleanEnv()
		cmd.Stdin = strings.NewReader(input)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		if err := runWithTimeout(cmd, 5*time.Second); err != nil {
			t.Fatalf("input %q: %v\nstderr:\n%s", input, err, stderr.String())
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("took %v to exit", d)
		}
		if input == "" && stdout.Len() != 0 {
			t.Errorf("stdout without any request: %q", stdout.String())
		}
		if input != "" && !strings.Contains(stdout.String(), `"protocolVersion":"2025-11-25"`) {
			t.Errorf("initialize was not answered before exit: %q", stdout.String())
		}
	}
}

func runWithTimeout(cmd *exec.Cmd, d time.Duration) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		_ = cmd.Process.Kill()
		<-done
		return errors.New("timed out")
	}
}

// TestE2EBadStart: the binary itself prints one line and exits 2.
func TestE2EBadStart(t *testing.T) {
	bin := binary(t)
	cmd := exec.Command(bin)
	cmd.Env = cleanEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := runWithTimeout(cmd, 5*time.Second)
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != exitBadConfig {
		t.Fatalf("want exit 2, got %v", err)
	}
	if stdout.Len() != 0 || len(lines(stderr.String())) != 1 || !strings.Contains(stderr.String(), "JOIN_API_TOKEN") {
		t.Errorf("stdout %q stderr %q", stdout.String(), stderr.String())
	}
}
