package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/shenpi/shenpi/internal/refuse"
)

// KeyLifetime is how long an Idempotency-Key is remembered: a retry within
// it answers the first result; after it the key is free again.
const KeyLifetime = 24 * time.Hour

// Claim is the Idempotency-Key of a request that may change state. Carried
// by the request's context (WithClaim), it is recorded by the first
// transaction that context commits (see DB.Tx), in that transaction: the
// change and its key commit together, whatever becomes of the process
// afterwards. A second request with the same key cannot commit a change,
// here or on another node: its record would collide with the first.
type Claim struct {
	UserID int64
	Key    string
	At     time.Time // when the request came
	// recorded: a transaction committed with the key; taken: the key was
	// found recorded by another request, and the change was rolled back.
	recorded, taken atomic.Bool
	created         atomic.Pointer[string] // see Created
}

type claimKey struct{}

// WithClaim returns ctx carrying c, for the transactions it is passed to.
func WithClaim(ctx context.Context, c *Claim) context.Context {
	return context.WithValue(ctx, claimKey{}, c)
}

func claimOf(ctx context.Context) *Claim {
	c, _ := ctx.Value(claimKey{}).(*Claim)
	return c
}

// Created notes, inside the transaction of a change, what the change
// created (a case's number, say), so that the key's record names it: if
// the process stops before the answer is stored, a retry's answer is
// rebuilt from it. Without a Claim in ctx it does nothing. A function run
// twice notes afresh each time, and the record takes the last run's.
func Created(ctx context.Context, ref string) {
	if c := claimOf(ctx); c != nil && !c.Recorded() {
		c.created.Store(&ref)
	}
}

// Recorded reports whether a change committed under the claim's key.
func (c *Claim) Recorded() bool { return c.recorded.Load() }

// Taken reports whether a change was refused because another request had
// recorded the key first.
func (c *Claim) Taken() bool { return c.taken.Load() }

// ErrKeyTaken refuses a change whose Idempotency-Key another request, on
// this node or another, recorded first.
var ErrKeyTaken = &refuse.Error{Kind: refuse.ErrConflict, Text: "store: the Idempotency-Key was used by another request first",
	Key: "api.idempotency.in_progress", Code: "idempotency.in_progress"}

// recordAfter wraps fn so that the key is recorded as its last write —
// after the commit hooks fn registered too, since what the change created
// may be named only there (a case's number, taken at commit). An expired
// record of the same key is taken over.
func (c *Claim) recordAfter(ctx context.Context, fn func(*Tx) error) func(*Tx) error {
	return func(tx *Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		tx.Then(func(_ context.Context, tx *Tx) error { return c.record(ctx, tx) })
		return nil
	}
}

// record inserts the key's record in tx.
func (c *Claim) record(ctx context.Context, tx *Tx) error {
	created := ""
	if p := c.created.Load(); p != nil {
		created = *p
	}
	res, err := tx.Exec(ctx, `INSERT INTO idempotency_keys (user_id, idem_key, created, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, idem_key) DO UPDATE SET request_hash = '', status = 0, content_type = '', location = '',
		body = NULL, created = excluded.created, created_at = excluded.created_at WHERE idempotency_keys.created_at < ?`,
		c.UserID, c.Key, created, Micros(c.At), Micros(c.At.Add(-KeyLifetime)))
	if err != nil {
		return fmt.Errorf("store: unable to record an Idempotency-Key: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		c.taken.Store(true)
		return ErrKeyTaken
	}
	return nil
}

// Remembered is what a key's record holds.
type Remembered struct {
	RequestHash string
	// Status 0: the change committed, its answer is not stored (the
	// request is still running, or its process stopped before answering).
	Status      int
	ContentType string
	Location    string
	Body        []byte
	Created     string // see Created
}

// Remembered returns the live record of a user's key, if there is one.
func (db *DB) Remembered(ctx context.Context, userID int64, key string, now time.Time) (Remembered, bool, error) {
	var m Remembered
	err := db.QueryRow(ctx, `SELECT request_hash, status, content_type, location, body, created FROM idempotency_keys
		WHERE user_id = ? AND idem_key = ? AND created_at >= ?`, userID, key, Micros(now.Add(-KeyLifetime))).
		Scan(&m.RequestHash, &m.Status, &m.ContentType, &m.Location, &m.Body, &m.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("store: unable to read an Idempotency-Key: %w", err)
	}
	return m, true, nil
}

// Answered stores the answer to the request whose change c recorded, for
// its retries.
func (db *DB) Answered(ctx context.Context, c *Claim, m Remembered) error {
	return db.Tx(context.WithoutCancel(ctx), func(tx *Tx) error {
		_, err := tx.Exec(ctx, `UPDATE idempotency_keys SET request_hash = ?, status = ?, content_type = ?, location = ?, body = ?
			WHERE user_id = ? AND idem_key = ? AND created_at = ?`,
			m.RequestHash, m.Status, m.ContentType, m.Location, m.Body, c.UserID, c.Key, Micros(c.At))
		if err != nil {
			return fmt.Errorf("store: unable to store the answer to an Idempotency-Key: %w", err)
		}
		return nil
	})
}

// ForgetKeys deletes the records of keys older than KeyLifetime at now (a
// sweep: an expired record is already ignored and taken over).
func (db *DB) ForgetKeys(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := db.Tx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM idempotency_keys WHERE created_at < ?`, Micros(now.Add(-KeyLifetime)))
		if err != nil {
			return fmt.Errorf("store: unable to forget expired Idempotency-Keys: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
