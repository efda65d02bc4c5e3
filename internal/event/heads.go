package event

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

// inByteOrder is the ORDER BY clause that sorts stream names by their bytes
// on either engine. Merkle leaves are in byte order, and verification merges
// the log with the heads and the anchors by name, so every list must agree
// on it; a PostgreSQL database's default collation may not.
func inByteOrder(q store.Querier, columns string) string {
	if q.Engine() == store.Postgres {
		return ` ORDER BY stream COLLATE "C"` + columns
	}
	return ` ORDER BY stream` + columns
}

// errOrder reports a list that is not in byte order after all, which the
// merges would otherwise misread.
func errOrder(what, stream string) error {
	return fmt.Errorf("event: unable to read %s in byte order of stream (at %q)", what, stream)
}

// readHeads returns every row of event_heads in byte order of stream.
func readHeads(ctx context.Context, q store.Querier) ([]Head, error) {
	return readInOrder(ctx, q, "the heads", `SELECT stream, seq, hash FROM event_heads`,
		func(h *Head) (string, []any) { return h.Stream, []any{&h.Stream, &h.Seq, &h.Hash} })
}

// readAnchors returns every stream's head as of the newest checkpoint, in
// byte order of stream.
func readAnchors(ctx context.Context, q store.Querier) ([]anchor, error) {
	return readInOrder(ctx, q, "the checkpointed heads", `SELECT stream, seq, hash, checkpoint, base_seq, base_hash, base_checkpoint FROM event_anchors`,
		func(a *anchor) (string, []any) {
			a.base.Stream = a.Stream
			return a.Stream, []any{&a.Stream, &a.Seq, &a.Hash, &a.checkpoint, &a.base.Seq, &a.base.Hash, &a.baseCheckpoint}
		})
}

// readInOrder reads the rows of query in byte order of stream; fields
// gives a row's stream name and the places to scan it into.
func readInOrder[T any](ctx context.Context, q store.Querier, what, query string, fields func(*T) (string, []any)) ([]T, error) {
	rows, err := q.Query(ctx, query+inByteOrder(q, ""))
	if err != nil {
		return nil, fmt.Errorf("event: unable to read %s: %w", what, err)
	}
	defer rows.Close()
	var (
		out  []T
		prev string
	)
	for rows.Next() {
		var v T
		_, dest := fields(&v)
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("event: unable to read %s: %w", what, err)
		}
		stream, _ := fields(&v)
		if len(out) > 0 && prev >= stream {
			return nil, errOrder(what, stream)
		}
		out, prev = append(out, v), stream
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("event: unable to read %s: %w", what, err)
	}
	return out, nil
}
