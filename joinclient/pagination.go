package joinclient

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"
)

// MaxPageSize is JOIN's largest accepted pageSize.
const MaxPageSize = 50

// DefaultMaxPages is the hard stop of the All iterators (10,000 items at 50 a
// page), so a misbehaving server cannot keep a loop going forever.
const DefaultMaxPages = 200

// ListOptions pages through a list. JOIN pages from 1 and sends no totals:
// a page shorter than PageSize is the last one.
type ListOptions struct {
	Page     int // from 1; 0 means 1
	PageSize int // 1..50; 0 means 50
	MaxPages int // iterators only: hard page limit; 0 means DefaultMaxPages
}

func (o ListOptions) check() error {
	if o.Page < 0 {
		return &ArgError{Field: "page", Problem: "must be >= 1"}
	}
	if o.PageSize < 0 || o.PageSize > MaxPageSize {
		return &ArgError{Field: "pageSize", Problem: fmt.Sprintf("must be between 1 and %d", MaxPageSize)}
	}
	return nil
}

func (o ListOptions) page() int     { return max(o.Page, 1) }
func (o ListOptions) pageSize() int { return cmp.Or(o.PageSize, MaxPageSize) }

func (o ListOptions) addTo(q url.Values) {
	q.Set("page", strconv.Itoa(o.page()))
	q.Set("pageSize", strconv.Itoa(o.pageSize()))
}

// paginate turns a page fetcher into an iterator that stops on an empty or
// short page, on the first error, or at the page limit (yielding ErrPageLimit).
func paginate[T any](ctx context.Context, opts ListOptions, fetch func(context.Context, ListOptions) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if err := opts.check(); err != nil {
			yield(zero, err)
			return
		}
		limit := cmp.Or(opts.MaxPages, DefaultMaxPages)
		opts.Page, opts.PageSize = opts.page(), opts.pageSize()
		for pages := 0; ; pages++ {
			if pages == limit {
				yield(zero, ErrPageLimit)
				return
			}
			items, _, err := fetch(ctx, opts)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if len(items) < opts.PageSize {
				return
			}
			opts.Page++
		}
	}
}
