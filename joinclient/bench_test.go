package joinclient_test

import (
	"context"
	"testing"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
)

// benchClient starts the fake JOIN server and a client without client-side
// rate limiting, so the figures measure the client and the HTTP round trip.
func benchClient(b *testing.B) (*jointest.Server, *joinclient.Client) {
	b.Helper()
	srv := jointest.NewServer(jointest.Options{})
	b.Cleanup(srv.Close)
	c, err := joinclient.New(srv.Token(), joinclient.WithBaseURL(srv.URL()), joinclient.WithRateLimit(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	return srv, c
}

func BenchmarkJobsGet(b *testing.B) {
	srv, c := benchClient(b)
	ctx := context.Background()
	jobs, _, err := c.Jobs.List(ctx, joinclient.JobListOptions{})
	if err != nil || len(jobs) == 0 {
		b.Fatalf("the fake has no jobs to get: %v", err)
	}
	id := jobs[0].ID
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, _, err := c.Jobs.Get(ctx, id); err != nil {
			b.Fatal(err)
		}
		if i%1024 == 0 {
			srv.ResetRequests() // keep the fake's request log from growing
		}
	}
}

func BenchmarkApplicationsListPage(b *testing.B) {
	srv, c := benchClient(b)
	ctx := context.Background()
	opts := joinclient.ApplicationListOptions{ListOptions: joinclient.ListOptions{PageSize: joinclient.MaxPageSize}}
	apps, _, err := c.Applications.List(ctx, opts)
	if err != nil || len(apps) == 0 {
		b.Fatalf("the fake has no applications: %v", err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, _, err := c.Applications.List(ctx, opts); err != nil {
			b.Fatal(err)
		}
		if i%1024 == 0 {
			srv.ResetRequests()
		}
	}
	b.ReportMetric(float64(len(apps)), "items/page")
}
