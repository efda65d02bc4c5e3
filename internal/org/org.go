package org

import (
	"context"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
)

// Org reads and changes the organisation.
type Org struct {
	db  *store.DB
	now func() time.Time
}

// New returns an Org on db; now is the clock (time.Now in production).
func New(db *store.DB, now func() time.Time) *Org {
	return &Org{db: db, now: now}
}

// change runs fn and appends its event in one transaction.
func (o *Org) change(ctx context.Context, actor, stream, typ string, payload any, fn func(tx *store.Tx) error) error {
	return o.db.Tx(ctx, func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		_, err := event.Append(ctx, tx, event.Draft{Stream: stream, Type: typ, Actor: actor, At: o.now(), Payload: payload})
		return err
	})
}
