package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
)

// Measurements for the closing note. The tests only log (go test -v -run
// Measure .); the benchmarks run only with -bench:
//
//	go test -run '^$' -bench . -benchmem .

// sandboxApp is a join-mcp app on the built-in sandbox, quiet.
func sandboxApp(tb testing.TB, extra ...string) *app {
	tb.Helper()
	cfg, err := parseConfig(append([]string{"--sandbox", "--log-level", "error"}, extra...), envMap(nil), io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	a, err := newApp(cfg, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(a.close)
	return a
}

// inProcess returns an initialized mcp-go in-process client of a.
func inProcess(tb testing.TB, a *app) *client.Client {
	tb.Helper()
	c, err := a.inProcessClient(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

func callJSON(tb testing.TB, c *client.Client, name string, args map[string]any) *mcp.CallToolResult {
	tb.Helper()
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	res, err := c.CallTool(context.Background(), req)
	if err != nil {
		tb.Fatal(err)
	}
	if res.IsError {
		tb.Fatalf("%s: tool error: %v", name, res.Content)
	}
	return res
}

func jsonLen(tb testing.TB, v any) int {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return len(b)
}

// TestMeasureToolsList logs the size of the tools/list result: what every
// client loads into the model's context before the first call.
func TestMeasureToolsList(t *testing.T) {
	a := sandboxApp(t)
	c := inProcess(t, a)
	res, err := c.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	total := jsonLen(t, res)
	type size struct {
		name                     string
		all, in, out, desc, anno int
	}
	var sizes []size
	var sumIn, sumOut, sumDesc int
	for _, tool := range res.Tools {
		b, _ := json.Marshal(tool)
		var parts map[string]json.RawMessage
		if err := json.Unmarshal(b, &parts); err != nil {
			t.Fatal(err)
		}
		s := size{name: tool.Name, all: len(b), in: len(parts["inputSchema"]), out: len(parts["outputSchema"]), desc: len(parts["description"]), anno: len(parts["annotations"])}
		sizes = append(sizes, s)
		sumIn, sumOut, sumDesc = sumIn+s.in, sumOut+s.out, sumDesc+s.desc
	}
	n := len(res.Tools)
	t.Logf("tools/list result: %d tools, %d bytes, %d bytes per tool on average", n, total, total/n)
	t.Logf("  of which input schemas %d B (%d%%), output schemas %d B (%d%%), descriptions %d B (%d%%)",
		sumIn, 100*sumIn/total, sumOut, 100*sumOut/total, sumDesc, 100*sumDesc/total)
	sort.Slice(sizes, func(i, j int) bool { return sizes[i].all > sizes[j].all })
	for _, s := range sizes[:min(5, len(sizes))] {
		t.Logf("  largest: %-42s %6d B (input %d, output %d, description %d)", s.name, s.all, s.in, s.out, s.desc)
	}
	t.Logf("  smallest: %s %d B", sizes[len(sizes)-1].name, sizes[len(sizes)-1].all)

	ro := inProcess(t, sandboxApp(t, "--read-only"))
	roRes, err := ro.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("with --read-only: %d tools, %d bytes", len(roRes.Tools), jsonLen(t, roRes))

	fresh, err := client.NewInProcessClient(a.server)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if err := fresh.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = "2025-11-25"
	ir, err := fresh.Initialize(context.Background(), init)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("initialize result: %d bytes (instructions %d bytes)", jsonLen(t, ir), len(ir.Instructions))
}

// TestMeasureListApplicationsPage compares one page of join_list_applications
// (summaries, and full=true) with JOIN's raw answer for the same page.
func TestMeasureListApplicationsPage(t *testing.T) {
	a := sandboxApp(t)
	c := inProcess(t, a)
	for _, pageSize := range []int{20, 50} {
		raw := rawJOIN(t, a, fmt.Sprintf("/applications?page=1&pageSize=%d", pageSize))
		var rawItems []json.RawMessage
		if err := json.Unmarshal(raw, &rawItems); err != nil {
			t.Fatalf("raw JOIN page is not an array: %v", err)
		}
		summary := callJSON(t, c, "join_list_applications", map[string]any{"pageSize": pageSize})
		full := callJSON(t, c, "join_list_applications", map[string]any{"pageSize": pageSize, "full": true})
		sumSC, fullSC := jsonLen(t, summary.StructuredContent), jsonLen(t, full.StructuredContent)
		sumAll, fullAll := jsonLen(t, summary), jsonLen(t, full)
		var fullOut struct {
			Truncated bool `json:"truncated"`
			Returned  int  `json:"returned"`
		}
		b, _ := json.Marshal(full.StructuredContent)
		_ = json.Unmarshal(b, &fullOut)
		t.Logf("pageSize %d (%d applications): raw JOIN %d B (%d B/item) | summaries: structuredContent %d B (%d B/item, %.0f%% of raw), whole result %d B | full=true: structuredContent %d B (%.0f%% of raw), whole result %d B, truncated=%v returned=%d",
			pageSize, len(rawItems), len(raw), len(raw)/max(1, len(rawItems)),
			sumSC, sumSC/max(1, len(rawItems)), 100*float64(sumSC)/float64(len(raw)), sumAll,
			fullSC, 100*float64(fullSC)/float64(len(raw)), fullAll, fullOut.Truncated, fullOut.Returned)
	}
}

// rawJOIN fetches path from the sandbox's fake JOIN directly, as JOIN sends it.
func rawJOIN(tb testing.TB, a *app, path string) []byte {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, a.sandbox.URL()+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", a.sandbox.Token())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d %v %s", path, resp.StatusCode, err, body)
	}
	return body
}

// TestMeasureStartup logs the binary's size and the time from exec to the
// first tools/list answer over stdio (the notes' reference: 7.2 ms p50 for a
// bare mcp-go server).
func TestMeasureStartup(t *testing.T) {
	bin := binary(t)
	if fi, err := os.Stat(bin); err == nil {
		t.Logf("binary (not stripped): %.1f MiB", float64(fi.Size())/(1<<20))
	}
	t.Logf("exec to first tools/list answer over stdio, --sandbox: %s", startup(t, bin, "--sandbox"))
	// Without the sandbox (a token, nothing listening): tools/list needs no
	// JOIN call, so this is the server alone.
	t.Logf("exec to first tools/list answer over stdio, no sandbox: %s", startup(t, bin, "--base-url", "http://127.0.0.1:9/v2"))
}

func startup(t *testing.T, bin string, args ...string) string {
	const runs = 10
	var times []time.Duration
	msgs := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"m","version":"1"}}}` + "\n" +
		`{"jsonrpc":"2.0","method":"notifications/initialized"}` + "\n" +
		`{"jsonrpc":"2.0","id":2,"method":"tools/list"}` + "\n"
	for range runs {
		cmd := exec.Command(bin, append([]string{"--log-level", "error"}, args...)...)
		cmd.Env = append(cleanEnv(), "JOIN_API_TOKEN=measure")
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(stdin, msgs)
		buf := make([]byte, 1<<20)
		var got []byte
		for !strings.Contains(string(got), `"id":2`) {
			n, err := stdout.Read(buf)
			got = append(got, buf[:n]...)
			if err != nil {
				break
			}
		}
		times = append(times, time.Since(start))
		stdin.Close()
		_ = cmd.Wait()
	}
	slices.Sort(times)
	return fmt.Sprintf("p50 %v, min %v, max %v (%d runs)", times[runs/2].Round(100*time.Microsecond), times[0].Round(100*time.Microsecond), times[runs-1].Round(100*time.Microsecond), runs)
}

// stdioClient serves a over in-process pipes with the real stdio server
// (app.serve) and returns an mcp-go client speaking through them.
func stdioClient(b *testing.B, a *app) *client.Client {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan struct{})
	go func() { a.serve(ctx, inR, outW); outW.Close(); close(done) }()
	c := client.NewClient(transport.NewIO(outR, inW, nil))
	if err := c.Start(ctx); err != nil {
		b.Fatal(err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = "2025-11-25"
	init.Params.ClientInfo = mcp.Implementation{Name: "bench", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		c.Close() // closes the server's stdin: serve returns and closes its stdout
		<-done
		cancel()
	})
	return c
}

func BenchmarkStdioToolsList(b *testing.B) {
	c := stdioClient(b, sandboxApp(b))
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.ListTools(ctx, mcp.ListToolsRequest{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStdioCallListJobs(b *testing.B) {
	c := stdioClient(b, sandboxApp(b))
	for b.Loop() {
		callJSON(b, c, "join_list_jobs", map[string]any{})
	}
}

func BenchmarkInProcessToolsList(b *testing.B) {
	c := inProcess(b, sandboxApp(b))
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.ListTools(ctx, mcp.ListToolsRequest{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCallListJobs(b *testing.B) {
	c := inProcess(b, sandboxApp(b))
	for b.Loop() {
		callJSON(b, c, "join_list_jobs", map[string]any{})
	}
}

func BenchmarkCallListApplications50(b *testing.B) {
	c := inProcess(b, sandboxApp(b))
	for b.Loop() {
		callJSON(b, c, "join_list_applications", map[string]any{"pageSize": 50})
	}
}

func BenchmarkCallGetApplication(b *testing.B) {
	c := inProcess(b, sandboxApp(b))
	for b.Loop() {
		callJSON(b, c, "join_get_application", map[string]any{"applicationId": 70131})
	}
}

// BenchmarkRawJOINListApplications50 is the floor: the same page straight
// from the fake JOIN over loopback HTTP, without MCP or the client.
func BenchmarkRawJOINListApplications50(b *testing.B) {
	a := sandboxApp(b)
	for b.Loop() {
		rawJOIN(b, a, "/applications?page=1&pageSize=50")
	}
}
