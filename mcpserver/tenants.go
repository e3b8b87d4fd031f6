package mcpserver

import (
	"context"
	"crypto/sha256"
	"errors"
	"sync"

	"github.com/join-mcp/join-mcp/joinclient"
)

// ClientPool hands out one JOIN client per caller token on a multi-tenant
// server, so each tenant keeps its own rate limit and nothing is shared
// between tenants. Tokens are kept only as hashes in the map keys and
// inside the clients; they are never logged.
type ClientPool struct {
	mu        sync.Mutex
	clients   map[[32]byte]*joinclient.Client
	order     [][32]byte // insertion order, for eviction
	max       int
	newClient func(token string) (*joinclient.Client, error)
}

// NewClientPool keeps at most max clients (the oldest is dropped first);
// max <= 0 keeps them all.
func NewClientPool(max int, newClient func(token string) (*joinclient.Client, error)) *ClientPool {
	return &ClientPool{clients: map[[32]byte]*joinclient.Client{}, max: max, newClient: newClient}
}

// ErrNoJoinToken is returned when a multi-tenant request carries no token.
var ErrNoJoinToken = errors.New("no JOIN token for this request: send your JOIN API token in the " + HeaderJoinToken + " header")

// ForContext returns the client of the token in ctx.
func (p *ClientPool) ForContext(ctx context.Context) (*joinclient.Client, error) {
	token := JoinTokenFromContext(ctx)
	if token == "" {
		return nil, ErrNoJoinToken
	}
	key := sha256.Sum256([]byte(token))
	p.mu.Lock()
	defer p.mu.Unlock()
	if c, ok := p.clients[key]; ok {
		return c, nil
	}
	c, err := p.newClient(token)
	if err != nil {
		return nil, err
	}
	// max <= 0 means no bound; without the check the first client of such a
	// pool indexed an empty order slice and panicked.
	if p.max > 0 && len(p.order) >= p.max {
		delete(p.clients, p.order[0])
		p.order = p.order[1:]
	}
	p.clients[key] = c
	p.order = append(p.order, key)
	return c, nil
}
