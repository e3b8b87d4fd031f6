package joinclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pager serves total items as pages of a JSON list and records the pages and
// page sizes asked for. failOn makes that page answer 500; total < 0 means
// the list never ends.
type pager struct {
	total, failOn int
	extra         string // query parameter every page must carry, as "k=v"

	mu    sync.Mutex
	pages []string // "page/pageSize" per request
}

func (p *pager) serve(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, err1 := strconv.Atoi(q.Get("page"))
		size, err2 := strconv.Atoi(q.Get("pageSize"))
		if !assert.NoError(t, err1) || !assert.NoError(t, err2) {
			return
		}
		if p.extra != "" {
			k, v, _ := strings.Cut(p.extra, "=")
			assert.Equal(t, v, q.Get(k), "filter kept on page %d", page)
		}
		p.mu.Lock()
		p.pages = append(p.pages, fmt.Sprintf("%d/%d", page, size))
		p.mu.Unlock()
		if page == p.failOn {
			joinError(w, http.StatusInternalServerError, "INTERNAL", "boom")
			return
		}
		var items []string
		for i := (page-1)*size + 1; i <= page*size && (p.total < 0 || i <= p.total); i++ {
			items = append(items, fmt.Sprintf(`{"id":%d}`, i))
		}
		writeJSON(w, http.StatusOK, "["+strings.Join(items, ",")+"]")
	}
}

func (p *pager) asked() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.pages...)
}

func collect[T any](seq func(func(T, error) bool)) (items []T, errs []error) {
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}

func jobIDs(jobs []Job) []ID {
	out := make([]ID, len(jobs))
	for i, j := range jobs {
		out[i] = j.ID
	}
	return out
}

func idRange(from, to int) []ID {
	var out []ID
	for i := from; i <= to; i++ {
		out = append(out, ID(i))
	}
	return out
}

func TestJobsService_All_stopsOnShortPage(t *testing.T) {
	f := setup(t)
	p := &pager{total: 120, extra: "status=ONLINE"}
	f.handle(t, http.MethodGet, "/jobs", p.serve(t))
	jobs, errs := collect(f.client.Jobs.All(context.Background(), JobListOptions{Status: "ONLINE"}))
	assert.Empty(t, errs)
	assert.Equal(t, idRange(1, 120), jobIDs(jobs))
	assert.Equal(t, []string{"1/50", "2/50", "3/50"}, p.asked())
}

func TestJobsService_All_stopsOnEmptyPage(t *testing.T) {
	f := setup(t)
	p := &pager{total: 100}
	f.handle(t, http.MethodGet, "/jobs", p.serve(t))
	jobs, errs := collect(f.client.Jobs.All(context.Background(), JobListOptions{}))
	assert.Empty(t, errs)
	assert.Len(t, jobs, 100)
	assert.Equal(t, []string{"1/50", "2/50", "3/50"}, p.asked())
}

func TestJobsService_All_empty(t *testing.T) {
	f := setup(t)
	p := &pager{total: 0}
	f.handle(t, http.MethodGet, "/jobs", p.serve(t))
	jobs, errs := collect(f.client.Jobs.All(context.Background(), JobListOptions{}))
	assert.Empty(t, errs)
	assert.Empty(t, jobs)
	assert.Equal(t, []string{"1/50"}, p.asked())
}

func TestApplicationsService_All_stopsOnFirstError(t *testing.T) {
	f := setup(t)
	p := &pager{total: -1, failOn: 2, extra: "jobExternalId=ext-7"}
	f.handle(t, http.MethodGet, "/applications", p.serve(t))
	var (
		ids  []ID
		errs []error
	)
	for app, err := range f.client.Applications.All(context.Background(), ApplicationListOptions{JobExternalID: "ext-7"}) {
		if err != nil {
			errs = append(errs, err)
			continue // the iterator must end by itself
		}
		ids = append(ids, app.ID)
	}
	assert.Equal(t, idRange(1, 50), ids)
	require.Len(t, errs, 1)
	requireAPIError(t, errs[0], http.StatusInternalServerError)
	assert.Equal(t, []string{"1/50", "2/50"}, p.asked(), "a 500 is not retried and ends the iteration")
}

func TestOfficesService_All_pageLimit(t *testing.T) {
	f := setup(t)
	p := &pager{total: -1}
	f.handle(t, http.MethodGet, "/offices", p.serve(t))
	offices, errs := collect(f.client.Offices.All(context.Background(), OfficeListOptions{ListOptions: ListOptions{MaxPages: 3}}))
	assert.Len(t, offices, 150)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrPageLimit)
	assert.Equal(t, []string{"1/50", "2/50", "3/50"}, p.asked())
}

func TestPaginate_defaultPageLimit(t *testing.T) {
	calls := 0
	seq := paginate(context.Background(), ListOptions{PageSize: 1}, func(_ context.Context, o ListOptions) ([]int, *Response, error) {
		calls++
		return []int{o.Page}, nil, nil
	})
	items, errs := collect(seq)
	assert.Len(t, items, DefaultMaxPages)
	assert.Equal(t, DefaultMaxPages, calls)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrPageLimit)
}

func TestCandidatesService_AllNotes_consumerBreaks(t *testing.T) {
	f := setup(t)
	p := &pager{total: -1}
	f.handle(t, http.MethodGet, "/candidates/5/notes", p.serve(t))
	var ids []ID
	for note, err := range f.client.Candidates.AllNotes(context.Background(), 5, ListOptions{}) {
		require.NoError(t, err)
		ids = append(ids, note.ID)
		if len(ids) == 10 {
			break
		}
	}
	assert.Equal(t, idRange(1, 10), ids)
	assert.Equal(t, []string{"1/50"}, p.asked(), "no page after the consumer stopped")
}

func TestJobsService_All_customStartAndSize(t *testing.T) {
	f := setup(t)
	p := &pager{total: 25}
	f.handle(t, http.MethodGet, "/jobs", p.serve(t))
	jobs, errs := collect(f.client.Jobs.All(context.Background(), JobListOptions{ListOptions: ListOptions{Page: 2, PageSize: 10}}))
	assert.Empty(t, errs)
	assert.Equal(t, idRange(11, 25), jobIDs(jobs))
	assert.Equal(t, []string{"2/10", "3/10"}, p.asked())
}

func TestJobsService_List_customPage(t *testing.T) {
	f := setup(t)
	p := &pager{total: 100}
	f.handle(t, http.MethodGet, "/jobs", p.serve(t))
	jobs, _, err := f.client.Jobs.List(context.Background(), JobListOptions{ListOptions: ListOptions{Page: 3, PageSize: 20}})
	require.NoError(t, err)
	assert.Equal(t, idRange(41, 60), jobIDs(jobs))
	assert.Equal(t, []string{"3/20"}, p.asked())
}

func TestPaginate_contextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	seq := paginate(ctx, ListOptions{PageSize: 2}, func(ctx context.Context, o ListOptions) ([]int, *Response, error) {
		calls++
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		return []int{1, 2}, nil, nil
	})
	var errs []error
	for _, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cancel()
	}
	require.Len(t, errs, 1)
	assert.True(t, errors.Is(errs[0], context.Canceled))
	assert.Equal(t, 2, calls)
}
