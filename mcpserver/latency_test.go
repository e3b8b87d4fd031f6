package mcpserver_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/rs/zerolog"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/tools"
)

// Latency of join_get_job over streamable HTTP against the fake JOIN, as a
// client sees it (official Go SDK client). Run with
//
//	go test -run '^$' -bench GetJobHTTP -benchtime 1000x ./mcpserver/
//
// p50/p99 are reported as custom metrics.

func latencyServer(b *testing.B, stateless bool) string {
	fake := jointest.NewServer(jointest.Options{})
	b.Cleanup(fake.Close)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	jc, err := joinclient.New(fake.Token(), joinclient.WithBaseURL(fake.URL()), joinclient.WithRateLimit(0, 0), joinclient.WithMaxInFlight(64), joinclient.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		b.Fatal(err)
	}
	srv, err := mcpserver.NewServer(mcpserver.Config{Version: "bench", Deps: tools.Deps{
		Client: func(context.Context) (*joinclient.Client, error) { return jc, nil }, Logger: zerolog.Nop(),
	}})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(mcpserver.NewHTTP(srv, mcpserver.HTTPOptions{Stateless: stateless, Logger: zerolog.Nop()}).Handler())
	b.Cleanup(ts.Close)
	return ts.URL + "/mcp"
}

func connectBench(b *testing.B, endpoint string) *sdk.ClientSession {
	c := sdk.NewClient(&sdk.Implementation{Name: "bench", Version: "1"}, nil)
	s, err := c.Connect(context.Background(), &sdk.StreamableClientTransport{
		Endpoint: endpoint, HTTPClient: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}, DisableStandaloneSSE: true,
	}, &sdk.ClientSessionOptions{ProtocolVersion: "2025-11-25"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s
}

func getJob(b *testing.B, s *sdk.ClientSession) time.Duration {
	start := time.Now()
	res, err := s.CallTool(context.Background(), &sdk.CallToolParams{Name: "join_get_job", Arguments: map[string]any{"jobId": 3001}})
	if err != nil || res.IsError {
		b.Fatalf("join_get_job: %v %+v", err, res)
	}
	return time.Since(start)
}

func reportPercentiles(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	if len(d) == 0 {
		return
	}
	b.ReportMetric(float64(d[len(d)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(d[len(d)*99/100].Microseconds()), "p99-µs")
}

func BenchmarkGetJobHTTPSequential(b *testing.B) {
	s := connectBench(b, latencyServer(b, false))
	getJob(b, s) // warm up connections and caches
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		durations = append(durations, getJob(b, s))
	}
	b.StopTimer()
	reportPercentiles(b, durations)
}

func BenchmarkGetJobHTTPConcurrent32(b *testing.B) {
	endpoint := latencyServer(b, false)
	const clients = 32
	sessions := make([]*sdk.ClientSession, clients)
	for i := range sessions {
		sessions[i] = connectBench(b, endpoint)
		getJob(b, sessions[i])
	}
	var (
		mu        sync.Mutex
		durations = make([]time.Duration, 0, b.N)
		wg        sync.WaitGroup
		next      = make(chan struct{}, b.N)
	)
	for range b.N {
		next <- struct{}{}
	}
	close(next)
	b.ResetTimer()
	for _, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range next {
				d := getJob(b, s)
				mu.Lock()
				durations = append(durations, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	reportPercentiles(b, durations)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}
