package event

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

const columns = `id, stream, seq, type, actor, at, payload, prev_hash, hash`

// rows is what scanEvents reads from: *sql.Rows.
type rows interface {
	Next() bool
	Scan(...any) error
	Err() error
}

func scanEvents(rows rows, each func(Event) error) error {
	for rows.Next() {
		var e Event
		if err := scanEvent(rows, &e); err != nil {
			return err
		}
		if err := each(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanEvent reads one row of columns, and of any more columns into extra.
func scanEvent(rows rows, e *Event, extra ...any) error {
	var (
		at      int64
		payload string
	)
	dest := append([]any{&e.ID, &e.Stream, &e.Seq, &e.Type, &e.Actor, &at, &payload, &e.PrevHash, &e.Hash}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return fmt.Errorf("event: unable to read: %w", err)
	}
	e.At = store.FromMicros(at)
	e.Payload = json.RawMessage(payload)
	return nil
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
