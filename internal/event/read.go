package event

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

const columns = `id, stream, seq, type, actor, at, payload, prev_hash, hash`

func scanEvents(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
}, each func(Event) error) error {
	for rows.Next() {
		var (
			e       Event
			at      int64
			payload string
		)
		if err := rows.Scan(&e.ID, &e.Stream, &e.Seq, &e.Type, &e.Actor, &at, &payload, &e.PrevHash, &e.Hash); err != nil {
			return fmt.Errorf("event: unable to read: %w", err)
		}
		e.At = store.FromMicros(at)
		e.Payload = json.RawMessage(payload)
		if err := each(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Stream returns every event of one stream in order.
func Stream(ctx context.Context, q store.Querier, stream string) ([]Event, error) {
	rows, err := q.Query(ctx, `SELECT `+columns+` FROM events WHERE stream = ? ORDER BY seq`, stream)
	if err != nil {
		return nil, fmt.Errorf("event: unable to read %s: %w", stream, err)
	}
	defer rows.Close()
	var out []Event
	err = scanEvents(rows, func(e Event) error { out = append(out, e); return nil })
	return out, err
}

// Since returns up to limit events with id greater than after, in log order,
// for subscribers that read the log incrementally.
func Since(ctx context.Context, q store.Querier, after int64, limit int) ([]Event, error) {
	rows, err := q.Query(ctx, `SELECT `+columns+` FROM events WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("event: unable to read the log: %w", err)
	}
	defer rows.Close()
	var out []Event
	err = scanEvents(rows, func(e Event) error { out = append(out, e); return nil })
	return out, err
}
