package event

import (
	"context"
	"fmt"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// cursor is a consumer's place in the log while it runs.
type cursor struct {
	db    *store.DB
	name  string
	pos   int64
	batch int
	read  string // the query for a batch, with the consumer's types
	types []any
}

func openCursor(ctx context.Context, db *store.DB, c Consumer) (*cursor, error) {
	cur := &cursor{db: db, name: c.Name, batch: c.Batch}
	col := position(db.Engine())
	filter := ""
	for i, t := range c.Types {
		if i == 0 {
			filter = " AND type IN (?"
		} else {
			filter += ", ?"
		}
		cur.types = append(cur.types, t)
	}
	if filter != "" {
		filter += ")"
	}
	cur.read = `SELECT ` + columns + `, ` + col + ` FROM events WHERE ` + col + ` > ? AND ` + col + ` <= ?` + filter +
		` ORDER BY ` + col + ` LIMIT ?`
	if _, err := db.Exec(ctx, `INSERT INTO event_consumers (name, pos, updated_at) VALUES (?, 0, ?) ON CONFLICT (name) DO NOTHING`,
		c.Name, store.Micros(time.Now())); err != nil {
		return nil, fmt.Errorf("event: unable to register consumer %s: %w", c.Name, err)
	}
	if err := cur.load(ctx); err != nil {
		return nil, err
	}
	return cur, nil
}

func (cur *cursor) load(ctx context.Context) error {
	if err := cur.db.QueryRow(ctx, `SELECT pos FROM event_consumers WHERE name = ?`, cur.name).Scan(&cur.pos); err != nil {
		return fmt.Errorf("event: unable to read the position of consumer %s: %w", cur.name, err)
	}
	return nil
}

// barrier is DB.Synced, a variable so that a test can see a consumer
// reach it.
var barrier = (*store.DB).Synced

// step hands over the next batch and acknowledges it, and reports whether
// the log may hold more than one batch went.
//
// It reads how far the log goes first, then waits until everything
// committed so far is on disk, then reads no further than that: on SQLite
// an event read any other way could be one a power cut undoes.
func (cur *cursor) step(ctx context.Context, handle func(context.Context, []Event) error) (more bool, err error) {
	end, err := logEnd(ctx, cur.db)
	if err != nil || end <= cur.pos {
		return false, err
	}
	if err := barrier(cur.db, ctx); err != nil {
		return false, fmt.Errorf("event: unable to read the log for %s: %w", cur.name, err)
	}
	evs, err := cur.next(ctx, end)
	if err != nil {
		return false, err
	}
	to := end
	if len(evs) == cur.batch {
		to = evs[len(evs)-1].Pos
	}
	if len(evs) > 0 {
		if err := handle(ctx, evs); err != nil {
			return false, fmt.Errorf("event: consumer %s failed at position %d: %w", cur.name, evs[0].Pos, err)
		}
	}
	// Acknowledged even if ctx has ended now: the batch is handled.
	if err := cur.acknowledge(context.WithoutCancel(ctx), to); err != nil {
		return false, err
	}
	return to < end, nil
}

// next reads up to a batch of the consumer's events after its position and
// no further than end.
func (cur *cursor) next(ctx context.Context, end int64) ([]Event, error) {
	args := append(append([]any{cur.pos, end}, cur.types...), cur.batch)
	evs, err := readLog(ctx, cur.db, cur.read, args...)
	if err != nil {
		return nil, fmt.Errorf("event: consumer %s: %w", cur.name, err)
	}
	return evs, nil
}

// acknowledge stores the position the consumer has handled up to. Should it
// find the stored one moved by another runner of the same consumer, it
// takes that one: the events in between were handled twice, which
// at-least-once allows.
func (cur *cursor) acknowledge(ctx context.Context, to int64) error {
	res, err := cur.db.Exec(ctx, `UPDATE event_consumers SET pos = ?, updated_at = ? WHERE name = ? AND pos = ?`,
		to, store.Micros(time.Now()), cur.name, cur.pos)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			return cur.load(ctx)
		}
	}
	if err != nil {
		return fmt.Errorf("event: unable to store the position of consumer %s: %w", cur.name, err)
	}
	cur.pos = to
	return nil
}

// logEnd is the position of the last event visible now.
func logEnd(ctx context.Context, q store.Querier) (int64, error) {
	query := `SELECT COALESCE(MAX(id), 0) FROM events`
	if q.Engine() == store.Postgres {
		query = `SELECT pos FROM event_log_head`
	}
	var end int64
	if err := q.QueryRow(ctx, query).Scan(&end); err != nil {
		return 0, fmt.Errorf("event: unable to read the end of the log: %w", err)
	}
	return end, nil
}
