package event

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

// Every event has a position: its place in the order in which events
// became visible, which is the order subscribers read the log in. A reader
// that has read up to a position never finds an event before it later.
//
// On SQLite that is the id: one writer commits one batch at a time, so ids
// are handed out in commit order.
//
// On PostgreSQL ids are handed out at insert, and two transactions on
// different streams commit in either order: a reader going by id would step
// past an id whose transaction has not committed yet, and never come back
// for it. Two ways out were open. A reader could go only as far as the
// oldest transaction still in flight (pg_snapshot_xmin) and read in
// transaction-id order; but that order is not commit order either — a
// transaction that wrote elsewhere first can hold an older xid than the one
// whose stream lock it waited for, so a stream's events would come out of
// sequence — and one long transaction anywhere stalls every consumer.
// Instead the last step of a transaction that appended events, just before
// its commit, takes the one row of event_log_head (held until the commit is
// visible) and numbers its events from it, in the order they were appended.
// The next transaction to number waits for that row, so positions are
// handed out in commit order, and an event is visible only once committed,
// that is, durable. The cost: on PostgreSQL, transactions that append
// events commit one after another (the short numbering statement and the
// commit itself); at a millisecond's commit that is some hundreds to a
// thousand a second, well above a province's load, and the rest of each
// transaction still runs concurrently.

// numberingKey registers one numbering per transaction.
type numberingKey struct{}

// numbering is the events one PostgreSQL transaction appended, by stream
// and sequence range, to be given positions as its last step.
type numbering struct {
	streams     []string
	first, last []int64
	n           int64
}

// numberAtCommit has the events, just inserted in tx, numbered when tx is
// about to commit.
func numberAtCommit(tx *store.Tx, evs []Event) {
	if tx.Engine() != store.Postgres {
		return
	}
	n := tx.Hook(numberingKey{}, func() store.CommitHook { return &numbering{} }).(*numbering)
	n.streams = append(n.streams, evs[0].Stream)
	n.first = append(n.first, evs[0].Seq)
	n.last = append(n.last, evs[len(evs)-1].Seq)
	n.n += int64(len(evs))
}

// BeforeCommit numbers the events in one statement: waiting for the log's
// head row is the lock, and id order within the transaction is the order
// they were appended in.
func (n *numbering) BeforeCommit(ctx context.Context, tx *store.Tx) error {
	res, err := tx.Exec(ctx, `WITH head AS (
			UPDATE event_log_head SET pos = pos + ? RETURNING pos - ? AS base
		), mine AS (
			SELECT e.id, row_number() OVER (ORDER BY e.id) AS n
			FROM events e JOIN unnest(?::text[], ?::bigint[], ?::bigint[]) AS r(stream, lo, hi)
				ON e.stream = r.stream AND e.seq BETWEEN r.lo AND r.hi
		)
		UPDATE events SET pos = head.base + mine.n FROM head, mine WHERE events.id = mine.id`,
		n.n, n.n, n.streams, n.first, n.last)
	if err != nil {
		return fmt.Errorf("event: unable to place the events in the log: %w", err)
	}
	if got, err := res.RowsAffected(); err != nil || got != n.n {
		return fmt.Errorf("event: unable to place the events in the log: %d of %d placed (%v)", got, n.n, err)
	}
	return nil
}
