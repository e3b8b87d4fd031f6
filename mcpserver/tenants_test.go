package mcpserver_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
	"github.com/join-mcp/join-mcp/mcpserver"
)

// tenantIDOffset is the fake's id offset per tenant: tenant n's ids are in
// [n*offset, (n+1)*offset).
const tenantIDOffset = 10_000_000

// tenantCase is one caller of a multi-tenant server.
type tenantCase struct {
	name, token string
	index       int // the fake's tenant index: 1 and 2 (0 is the default tenant)
	company     string
	jobs        map[int64]bool
	offices     map[int64]bool
	candidate   int64
	jobID       int64
}

func (tc *tenantCase) owns(id int64) bool { return id/tenantIDOffset == int64(tc.index) }

func TestMultiTenantIsolation(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{http: mcpserver.HTTPOptions{MultiTenant: true}}, true)
	// Each caller's company exists before the first request, so the fake's
	// tenant numbering (and with it the id ranges) does not depend on which
	// request arrives first. The pool's AddTenant for the same token then
	// does nothing.
	tenants := []*tenantCase{
		{name: "A", token: "join-token-AAAA-1111", index: 1},
		{name: "B", token: "join-token-BBBB-2222", index: 2},
	}
	for _, tc := range tenants {
		r.fake.AddTenant(tc.token, true)
		st := r.fake.Store(tc.token)
		tc.company = st.Company()
		tc.jobs, tc.offices = map[int64]bool{}, map[int64]bool{}
		for _, j := range st.Jobs() {
			require.True(t, tc.owns(int64(j.ID)), "fake: job %d of tenant %s outside its range", j.ID, tc.name)
			tc.jobs[int64(j.ID)] = true
			if tc.jobID == 0 || int64(j.ID) < tc.jobID {
				tc.jobID = int64(j.ID)
			}
		}
		for _, o := range st.Offices() {
			tc.offices[int64(o.ID)] = true
		}
		tc.candidate = int64(st.Candidates()[0].ID)
		require.NotEmpty(t, tc.jobs)
		require.NotEmpty(t, tc.offices)
	}
	require.NotEqual(t, tenants[0].company, tenants[1].company)
	r.fake.ResetRequests()

	sessions := map[string]*sdk.ClientSession{}
	for i, tc := range tenants {
		sessions[tc.name] = connect(t, r.ts.URL, clientConfig{protocol: eras[i%2], headers: map[string]string{mcpserver.HeaderJoinToken: tc.token}})
	}

	const goroutines, rounds = 20, 2
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*rounds*4)
	for g := range goroutines {
		tc := tenants[g%2]
		cs := sessions[tc.name]
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- tenantRound(cs, tc, g, rounds)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}

	// The writes landed in the caller's company only.
	for _, tc := range tenants {
		notes := r.fake.Store(tc.token).Notes(joinclient.ID(tc.candidate))
		var mine int
		for _, n := range notes {
			assert.NotContains(t, n.Content, "from tenant "+otherTenant(tenants, tc).name+" ", "a note of the other tenant in %s", tc.name)
			if strings.Contains(n.Content, "from tenant "+tc.name+" ") {
				mine++
			}
		}
		assert.Equal(t, goroutines/2*rounds, mine, "tenant %s notes", tc.name)
	}
	for _, n := range r.fake.Store(jointest.DefaultToken).AllNotes() {
		assert.NotContains(t, n.Content, "from tenant", "a note reached the default tenant")
	}

	// Every upstream request carried the caller's own token, and every id
	// it named belongs to that caller's company.
	reqs := r.fake.Requests()
	require.NotEmpty(t, reqs)
	perToken := map[string]int{}
	idInPath := regexp.MustCompile(`\d+`)
	for _, req := range reqs {
		tc := tenantByToken(tenants, req.Token)
		if !assert.NotNil(t, tc, "upstream %s %s with token %q", req.Method, req.Path, req.Token) {
			continue
		}
		perToken[tc.name]++
		for _, m := range idInPath.FindAllString(req.Path, -1) {
			id, _ := strconv.ParseInt(m, 10, 64)
			assert.True(t, tc.owns(id), "tenant %s's request %s %s names id %d of another company", tc.name, req.Method, req.Path, id)
		}
		if req.Method == http.MethodPost {
			assert.Contains(t, string(req.Body), "from tenant "+tc.name+" ", "tenant %s's write body", tc.name)
		}
	}
	// 4 tool calls per round, one upstream request each.
	for _, tc := range tenants {
		assert.Equal(t, goroutines/2*rounds*4, perToken[tc.name], "upstream requests of tenant %s", tc.name)
	}

	// One tenant cannot read the other's objects even by id.
	res := call(t, sessions["A"], "join_get_job", map[string]any{"jobId": tenants[1].jobID})
	assert.True(t, res.IsError, "tenant A read tenant B's job: %s", text(res))

	// The JOIN tokens never reach the logs, even at debug level, though the
	// log has the tool calls.
	logs := r.logs.String()
	assert.Contains(t, logs, "join_create_candidate_note", "debug logging was on")
	for _, tc := range tenants {
		assert.NotContains(t, logs, tc.token)
	}
}

// tenantRound runs rounds of list jobs, get job, list offices and add a note
// and checks every result belongs to tc's company.
func tenantRound(cs *sdk.ClientSession, tc *tenantCase, g, rounds int) error {
	ctx, cancel := contextWithTimeout()
	defer cancel()
	callOK := func(name string, args map[string]any, out any) error {
		res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: args})
		if err != nil {
			return fmt.Errorf("tenant %s %s: %w", tc.name, name, err)
		}
		if res.IsError {
			return fmt.Errorf("tenant %s %s: tool error %s", tc.name, name, text(res))
		}
		return decodeStructured(res, out)
	}
	for i := range rounds {
		var jobs struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		if err := callOK("join_list_jobs", map[string]any{"pageSize": 50}, &jobs); err != nil {
			return err
		}
		if len(jobs.Items) == 0 {
			return fmt.Errorf("tenant %s: no jobs", tc.name)
		}
		for _, j := range jobs.Items {
			if !tc.jobs[j.ID] {
				return fmt.Errorf("tenant %s listed job %d of another company", tc.name, j.ID)
			}
		}
		var job struct {
			ID int64 `json:"id"`
		}
		if err := callOK("join_get_job", map[string]any{"jobId": tc.jobID}, &job); err != nil {
			return err
		}
		if job.ID != tc.jobID {
			return fmt.Errorf("tenant %s asked for job %d, got %d", tc.name, tc.jobID, job.ID)
		}
		var offices struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		if err := callOK("join_list_offices", nil, &offices); err != nil {
			return err
		}
		for _, o := range offices.Items {
			if !tc.offices[o.ID] {
				return fmt.Errorf("tenant %s listed office %d of another company", tc.name, o.ID)
			}
		}
		var note struct {
			Status string `json:"status"`
			ID     int64  `json:"id"`
		}
		content := fmt.Sprintf("from tenant %s goroutine %d round %d", tc.name, g, i)
		if err := callOK("join_create_candidate_note", map[string]any{"candidateId": tc.candidate, "content": content}, &note); err != nil {
			return err
		}
		if note.Status != "done" || !tc.owns(note.ID) {
			return fmt.Errorf("tenant %s note: status %s id %d", tc.name, note.Status, note.ID)
		}
	}
	return nil
}

func otherTenant(all []*tenantCase, tc *tenantCase) *tenantCase {
	if all[0] == tc {
		return all[1]
	}
	return all[0]
}

func tenantByToken(all []*tenantCase, token string) *tenantCase {
	for _, tc := range all {
		if tc.token == token {
			return tc
		}
	}
	return nil
}

func TestMultiTenantNeedsJoinToken(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{http: mcpserver.HTTPOptions{MultiTenant: true}}, true)
	for _, e := range endpoints {
		for _, value := range []string{"", "   "} {
			headers := map[string]string{}
			if value != "" {
				headers[mcpserver.HeaderJoinToken] = value
			}
			res := e.send(t, r, headers)
			assert.Equal(t, http.StatusUnauthorized, res.status, "%s with X-Join-Token %q", e.name, value)
			assert.Contains(t, errorMessage(t, res), mcpserver.HeaderJoinToken, "the 401 names the header")
			assert.NotEmpty(t, res.header.Get("WWW-Authenticate"))
		}
	}
	_, err := tryConnect(t, r.ts.URL, clientConfig{protocol: modernProtocol})
	assert.Error(t, err, "a client without X-Join-Token cannot connect")
	assert.Empty(t, r.fake.Requests(), "nothing reached JOIN")

	// With the token and the server's own HTTP auth, both are needed.
	auth := newRig(t, rigConfig{http: mcpserver.HTTPOptions{MultiTenant: true, AuthToken: "http-secret"}}, true)
	res := do(t, http.MethodPost, auth.url("/mcp"), strings.NewReader(initializeBody), map[string]string{mcpserver.HeaderJoinToken: "t"})
	assert.Equal(t, http.StatusUnauthorized, res.status)
	res = do(t, http.MethodPost, auth.url("/mcp"), strings.NewReader(initializeBody), map[string]string{mcpserver.HeaderJoinToken: "t", "Authorization": "Bearer http-secret"})
	assert.Equal(t, http.StatusOK, res.status, res.body)
}

func TestClientPool(t *testing.T) {
	t.Parallel()
	fake := newFake(t)
	made := map[string]int{}
	var mu sync.Mutex
	newClient := func(token string) (*joinclient.Client, error) {
		mu.Lock()
		made[token]++
		mu.Unlock()
		if token == "broken" {
			return nil, fmt.Errorf("cannot build a client")
		}
		return joinclient.New(token, joinclient.WithBaseURL(fake.URL()))
	}
	ctx := func(token string) context.Context { return mcpserver.WithJoinToken(context.Background(), token) }

	pool := mcpserver.NewClientPool(2, newClient)
	_, err := pool.ForContext(context.Background())
	assert.ErrorIs(t, err, mcpserver.ErrNoJoinToken)
	a1, err := pool.ForContext(ctx("a"))
	require.NoError(t, err)
	a2, err := pool.ForContext(ctx("a"))
	require.NoError(t, err)
	assert.Same(t, a1, a2, "one client per token")
	b, err := pool.ForContext(ctx("b"))
	require.NoError(t, err)
	assert.NotSame(t, a1, b)
	_, err = pool.ForContext(ctx("c")) // evicts a, the oldest
	require.NoError(t, err)
	a3, err := pool.ForContext(ctx("a"))
	require.NoError(t, err)
	assert.NotSame(t, a1, a3, "a was evicted and rebuilt")
	assert.Equal(t, 2, made["a"])
	_, err = pool.ForContext(ctx("broken"))
	assert.Error(t, err)
	_, err = pool.ForContext(ctx("broken"))
	assert.Error(t, err)
	assert.Equal(t, 2, made["broken"], "a failure is not cached")

	// No bound.
	unbounded := mcpserver.NewClientPool(0, newClient)
	for i := range 5 {
		_, err := unbounded.ForContext(ctx(fmt.Sprint("u", i)))
		require.NoError(t, err)
	}
	u0, err := unbounded.ForContext(ctx("u0"))
	require.NoError(t, err)
	assert.NotNil(t, u0)
	assert.Equal(t, 1, made["u0"], "nothing was evicted")
}
