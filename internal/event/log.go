package event

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

// position is the column that holds an event's position (see position.go).
func position(engine store.Engine) string {
	if engine == store.Postgres {
		return "pos"
	}
	return "id"
}

// Since returns up to limit events after position after, in log order,
// each with its Pos. On SQLite a commit is visible a moment before it is on
// disk: a reader that must not act on what a power cut could undo reads
// through a Consumer instead.
func Since(ctx context.Context, q store.Querier, after int64, limit int) ([]Event, error) {
	col := position(q.Engine())
	return readLog(ctx, q, `SELECT `+columns+`, `+col+` FROM events WHERE `+col+` > ? ORDER BY `+col+` LIMIT ?`, after, limit)
}

// readLog runs a query for columns and the position, and reads its events.
func readLog(ctx context.Context, q store.Querier, query string, args ...any) ([]Event, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("event: unable to read the log: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := scanEvent(rows, &e, &e.Pos); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
