package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// A Limit slows attempts under one key like a leaky bucket: Free attempts
// pass at once, one of them leaks away every Leak, and while the bucket is
// over Free each further attempt waits First, doubling up to Max. It slows;
// it never locks for longer than Max, and an idle key recovers by itself.
type Limit struct {
	Free       int
	Leak       time.Duration
	First, Max time.Duration
}

// A Key is what one attempt is counted against.
type Key struct {
	Name  string
	Limit Limit
}

// The limits. A username from one address is the brute-force guard; the
// username from everywhere and the address across usernames are ceilings
// high enough for a county office behind one NAT, and neither applies to an
// address the user has logged in from before.
var (
	loginPair    = Limit{Free: 5, Leak: 3 * time.Minute, First: 2 * time.Second, Max: 15 * time.Minute}
	loginAccount = Limit{Free: 50, Leak: time.Minute, First: 5 * time.Second, Max: 5 * time.Minute}
	loginAddress = Limit{Free: 100, Leak: 30 * time.Second, First: 5 * time.Second, Max: 5 * time.Minute}
	passwordUser = Limit{Free: 5, Leak: 3 * time.Minute, First: 5 * time.Second, Max: 15 * time.Minute}
	lookupAddr   = Limit{Free: 30, Leak: 30 * time.Second, First: 2 * time.Second, Max: 5 * time.Minute}
	lookupCase   = Limit{Free: 10, Leak: 3 * time.Minute, First: 5 * time.Second, Max: 15 * time.Minute}
	registerAddr = Limit{Free: 10, Leak: 6 * time.Minute, First: 10 * time.Second, Max: 15 * time.Minute}
)

// LookupKeys are counted for one public case lookup (number and query
// code): the address, against guessing many cases, and the case, against
// guessing one case's code from many addresses.
func LookupKeys(number, client string) []Key {
	return []Key{{"lookup-address:" + client, lookupAddr}, {"lookup-case:" + number, lookupCase}}
}

// RegisterKeys are counted for each registration from an address.
func RegisterKeys(client string) []Key {
	return []Key{{"register-address:" + client, registerAddr}}
}

// wait returns how long the next attempt waits after the nth in the
// bucket: nothing before the Free-th, then First, doubling.
func (l Limit) wait(n int) time.Duration {
	over := n - l.Free + 1
	if over <= 0 {
		return 0
	}
	d := l.First
	for i := 1; i < over && d < l.Max; i++ {
		d *= 2
	}
	return min(d, l.Max)
}

// Attempt counts one attempt against every key, or refuses it with a
// ThrottledError (counting nothing) while any key is waiting. The attempt is
// counted before the caller checks anything, so parallel guesses cannot slip
// past the count; Forgive takes it back when the attempt succeeded.
func (a *Auth) Attempt(ctx context.Context, keys ...Key) error {
	now := a.now()
	var until time.Time
	err := a.db.Tx(ctx, func(tx *store.Tx) error {
		until = time.Time{} // set afresh: the function may run twice
		rows := make([]bucket, len(keys))
		for i, k := range sortedKeys(keys) {
			b, err := lockBucket(ctx, tx, k.Name)
			if err != nil {
				return err
			}
			if w := store.FromMicros(b.waitUntil); w.After(now) && w.After(until) {
				until = w
			}
			b.key = k
			rows[i] = b
		}
		if !until.IsZero() {
			return nil
		}
		for _, b := range rows {
			n := b.level(now) + 1
			wait := store.Micros(now.Add(b.key.Limit.wait(n)))
			if _, err := tx.Exec(ctx, `UPDATE auth_throttle SET count = ?, last_at = ?, wait_until = ? WHERE key = ?`,
				n, store.Micros(now), wait, b.key.Name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("auth: unable to count an attempt: %w", err)
	}
	if !until.IsZero() {
		return &ThrottledError{Until: until}
	}
	return nil
}

// Forgive empties the buckets of keys, after an attempt that succeeded.
func (a *Auth) Forgive(ctx context.Context, keys ...Key) error {
	for _, k := range keys {
		if _, err := a.db.Exec(ctx, `DELETE FROM auth_throttle WHERE key = ?`, k.Name); err != nil {
			return fmt.Errorf("auth: unable to forgive %s: %w", k.Name, err)
		}
	}
	return nil
}

// Waiting reports whether the last counted attempt left any key waiting,
// and until when: the caller tells a refused guess from a slowed one.
func (a *Auth) Waiting(ctx context.Context, keys ...Key) (time.Time, bool) {
	now := a.now()
	var until time.Time
	for _, k := range keys {
		var w int64
		err := a.db.QueryRow(ctx, `SELECT wait_until FROM auth_throttle WHERE key = ?`, k.Name).Scan(&w)
		if t := store.FromMicros(w); err == nil && t.After(now) && t.After(until) {
			until = t
		}
	}
	return until, !until.IsZero()
}

type bucket struct {
	key       Key
	count     int
	lastAt    int64
	waitUntil int64
}

// level is how full the bucket is now, after leaking since its last attempt.
func (b bucket) level(now time.Time) int {
	leaked := int(now.Sub(store.FromMicros(b.lastAt)) / b.key.Limit.Leak)
	return max(0, b.count-leaked)
}

// lockBucket reads a key's bucket, creating it empty, and on PostgreSQL
// holds its row until the transaction ends (the upsert takes the row lock)
// so that parallel attempts are counted one after another.
func lockBucket(ctx context.Context, tx *store.Tx, key string) (bucket, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO auth_throttle (key, count, last_at, wait_until) VALUES (?, 0, 0, 0)
		ON CONFLICT (key) DO UPDATE SET count = auth_throttle.count`, key); err != nil {
		return bucket{}, err
	}
	var b bucket
	err := tx.QueryRow(ctx, `SELECT count, last_at, wait_until FROM auth_throttle WHERE key = ?`, key).Scan(&b.count, &b.lastAt, &b.waitUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("auth: throttle row %s vanished", key)
	}
	return b, err
}

// sortedKeys orders keys by name so that transactions lock rows in one order.
func sortedKeys(keys []Key) []Key {
	out := slices.Clone(keys)
	slices.SortFunc(out, func(x, y Key) int {
		switch {
		case x.Name < y.Name:
			return -1
		case x.Name > y.Name:
			return 1
		}
		return 0
	})
	return out
}
