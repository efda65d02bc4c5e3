package org

import (
	"context"
	"errors"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
)

// Org reads and changes the organisation.
type Org struct {
	db  *store.DB     // changes; nil in a view made by In
	q   store.Querier // reads: db, or the transaction of In
	now func() time.Time
}

// New returns an Org on db; now is the clock (time.Now in production).
func New(db *store.DB, now func() time.Time) *Org {
	return &Org{db: db, q: db, now: now}
}

// In returns a view of the organisation that reads through q, a caller's transaction:
// inside one, a read through the database would need a second connection, and on
// PostgreSQL the pool may be held by transactions queued behind it. The view cannot
// change anything.
func (o *Org) In(q store.Querier) *Org { return &Org{q: q, now: o.now} }

// errReadOnly is what a view made by In answers to a change.
var errReadOnly = errors.New("org: a view inside a transaction cannot change the organisation")

// change runs fn and appends its event in one transaction. The payload is
// encoded after fn ran, so a pointer to the record fn inserts carries the id
// the row was given.
func (o *Org) change(ctx context.Context, actor, stream, typ string, payload any, fn func(tx *store.Tx) error) error {
	if o.db == nil {
		return errReadOnly
	}
	return o.db.Tx(ctx, func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		_, err := event.Append(ctx, tx, event.Draft{Stream: stream, Type: typ, Actor: actor, At: o.now(), Payload: payload})
		return err
	})
}
