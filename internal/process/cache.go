package process

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/store"
)

// cacheTTL bounds how long a lookup of the organisation (who holds a role, which
// calendar a department counts on) is reused. Transitions run inside the one writer
// transaction on SQLite, so every lookup there delays every other transition; a change
// made in org reaches new tasks within this time. Failed lookups are never cached.
const cacheTTL = 5 * time.Second

// ttlCache is a small map whose entries expire, measured on the real clock: it is an
// optimisation, not part of the domain's time.
type ttlCache[T any] struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]ttlEntry[T]
}

type ttlEntry[T any] struct {
	v  T
	at time.Time
}

func newTTLCache[T any](ttl time.Duration) *ttlCache[T] {
	return &ttlCache[T]{ttl: ttl, m: map[string]ttlEntry[T]{}}
}

func (c *ttlCache[T]) get(key string) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || time.Since(e.at) > c.ttl {
		var zero T
		return zero, false
	}
	return e.v, true
}

func (c *ttlCache[T]) put(key string, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 10000 { // a bound, not an eviction policy: the working set is small
		clear(c.m)
	}
	c.m[key] = ttlEntry[T]{v: v, at: time.Now()}
}

func (c *ttlCache[T]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.m)
}

// defCache keeps parsed published definitions by (key, version): they never change, so
// an instance's transitions parse its definition once per process lifetime.
type defCache struct {
	m sync.Map // defKey → *flow.Definition
}

type defKey struct {
	key     string
	version int
}

// runnable returns a published or retired definition version, from the cache or q.
func (p *Processes) runnable(ctx context.Context, q store.Querier, key string, version int) (*flow.Definition, error) {
	if d, ok := p.defs.m.Load(defKey{key, version}); ok {
		return d.(*flow.Definition), nil
	}
	var body, status string
	err := q.QueryRow(ctx, `SELECT body, status FROM process_definitions WHERE process_key = ? AND version = ?`, key, version).Scan(&body, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %s version %d", ErrNotFound, key, version)
	}
	if err != nil {
		return nil, fmt.Errorf("process: unable to read %s version %d: %w", key, version, err)
	}
	if Status(status) == StatusDraft {
		return nil, fmt.Errorf("%w: %s version %d is a draft", ErrNotRunning, key, version)
	}
	def, err := decodeBody(body, key, version)
	if err != nil {
		return nil, err
	}
	p.defs.m.Store(defKey{key, version}, def)
	return def, nil
}
