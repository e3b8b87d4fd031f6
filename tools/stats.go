package tools

import (
	"context"
	"net/http"
	"sync"
)

// callStats counts the upstream requests of one tool call so the debug log
// line can say what JOIN answered without logging any payload.
type callStats struct {
	mu     sync.Mutex
	n      int
	status int
}

func (s *callStats) record(status int) {
	s.mu.Lock()
	s.n++
	s.status = status
	s.mu.Unlock()
}

func (s *callStats) calls() int { s.mu.Lock(); defer s.mu.Unlock(); return s.n }

func (s *callStats) lastStatus() int { s.mu.Lock(); defer s.mu.Unlock(); return s.status }

type statsKey struct{}

func withStats(ctx context.Context) (context.Context, *callStats) {
	s := &callStats{}
	return context.WithValue(ctx, statsKey{}, s), s
}

// StatsTransport records each upstream response status into the calling
// tool's stats. Install it as the JOIN client's HTTP transport.
type StatsTransport struct{ Base http.RoundTripper }

func (t StatsTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	if s, ok := req.Context().Value(statsKey{}).(*callStats); ok {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		s.record(status)
	}
	return resp, err
}
