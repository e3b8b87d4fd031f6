package tools

import (
	"context"
	"sync"
	"time"

	"github.com/join-mcp/join-mcp/joinclient"
)

// LookupCache keeps JOIN's reference lists (categories, employment types,
// seniority levels, offices) for a while: they change rarely, job creation
// needs all of them, and resources, completions and tools share them. One
// cache serves every tenant; entries are keyed by the tenant's client.
type LookupCache struct {
	ttl     time.Duration
	now     func() time.Time
	mu      sync.Mutex
	entries map[lookupKey]lookupEntry
}

type lookupKey struct {
	client   *joinclient.Client
	kind     string
	language string
}

type lookupEntry struct {
	value   any
	expires time.Time
}

// DefaultLookupTTL is how long reference lists are reused.
const DefaultLookupTTL = 15 * time.Minute

// NewLookupCache returns a cache with the given TTL (0 disables caching).
func NewLookupCache(ttl time.Duration) *LookupCache {
	return &LookupCache{ttl: ttl, now: time.Now, entries: map[lookupKey]lookupEntry{}}
}

// Cached returns what load returned for (cl, kind) within the cache's TTL,
// calling load otherwise. Other caches of per-tenant lists (completions)
// use it with their own LookupCache and TTL.
func Cached[T any](ctx context.Context, c *LookupCache, cl *joinclient.Client, kind string, load func(context.Context) (T, error)) (T, error) {
	return cached(ctx, c, lookupKey{client: cl, kind: kind}, load)
}

func cached[T any](ctx context.Context, c *LookupCache, key lookupKey, load func(context.Context) (T, error)) (T, error) {
	if c == nil || c.ttl <= 0 {
		return load(ctx)
	}
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && c.now().Before(e.expires) {
		c.mu.Unlock()
		return e.value.(T), nil
	}
	c.mu.Unlock()
	v, err := load(ctx)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	now := c.now()
	for k, e := range c.entries { // drop what expired, so evicted tenants do not pile up
		if !now.Before(e.expires) {
			delete(c.entries, k)
		}
	}
	c.entries[key] = lookupEntry{value: v, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return v, nil
}

// Categories returns the categories with sub-categories in language.
func (c *LookupCache) Categories(ctx context.Context, cl *joinclient.Client, language string) ([]joinclient.Category, error) {
	return cached(ctx, c, lookupKey{cl, "categories", language}, func(ctx context.Context) ([]joinclient.Category, error) {
		v, _, err := cl.Lookups.Categories(ctx, language)
		return v, err
	})
}

// EmploymentTypes returns the employment types in language.
func (c *LookupCache) EmploymentTypes(ctx context.Context, cl *joinclient.Client, language string) ([]joinclient.EmploymentType, error) {
	return cached(ctx, c, lookupKey{cl, "employmentTypes", language}, func(ctx context.Context) ([]joinclient.EmploymentType, error) {
		v, _, err := cl.Lookups.EmploymentTypes(ctx, language)
		return v, err
	})
}

// SeniorityLevels returns the seniority levels in language.
func (c *LookupCache) SeniorityLevels(ctx context.Context, cl *joinclient.Client, language string) ([]joinclient.SeniorityLevel, error) {
	return cached(ctx, c, lookupKey{cl, "seniorityLevels", language}, func(ctx context.Context) ([]joinclient.SeniorityLevel, error) {
		v, _, err := cl.Lookups.SeniorityLevels(ctx, language)
		return v, err
	})
}

// Offices returns all of the company's offices.
func (c *LookupCache) Offices(ctx context.Context, cl *joinclient.Client) ([]joinclient.Office, error) {
	return cached(ctx, c, lookupKey{cl, "offices", ""}, func(ctx context.Context) ([]joinclient.Office, error) {
		var all []joinclient.Office
		for o, err := range cl.Offices.All(ctx, joinclient.OfficeListOptions{ListOptions: joinclient.ListOptions{MaxPages: 20}}) {
			if err != nil {
				return nil, err
			}
			all = append(all, o)
		}
		return all, nil
	})
}

// ForgetOffices drops the cached offices of cl after an office changed.
func (c *LookupCache) ForgetOffices(cl *joinclient.Client) {
	if c == nil {
		return
	}
	c.mu.Lock()
	delete(c.entries, lookupKey{cl, "offices", ""})
	c.mu.Unlock()
}
