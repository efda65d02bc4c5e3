package event

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

// Head is the end of a stream as a writer read it: the last sequence
// number and hash (0 and "" for a stream with no events yet).
type Head struct {
	Stream string
	Seq    int64
	Hash   string
}

// ErrStale says a stream moved on after its head was read: the sealed
// events no longer follow it. The writer reads the head again and retries.
var ErrStale = errors.New("event: the stream moved on")

// Sealed is events chained onto a head read before the transaction, so that
// hashing happens outside it. A writer that already works optimistically
// (reads a snapshot, then saves if nothing changed) appends this way and
// spares SQLite's single writer a statement and the hashing.
type Sealed struct {
	head   Head
	evs    []Event
	drafts []Draft // what the projectors are given
}

// ReadHead reads the head of a stream.
func ReadHead(ctx context.Context, q store.Querier, stream string) (Head, error) {
	h := Head{Stream: stream}
	err := q.QueryRow(ctx, `SELECT seq, hash FROM event_heads WHERE stream = ?`, stream).Scan(&h.Seq, &h.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return h, nil
	}
	if err != nil {
		return h, fmt.Errorf("event: unable to read the head of %s: %w", stream, err)
	}
	return h, nil
}

// Seal numbers and hashes drafts of head's stream as the events after head.
func Seal(head Head, drafts []Draft) (Sealed, error) {
	evs, err := prepare(drafts)
	if err != nil {
		return Sealed{}, err
	}
	for _, e := range evs {
		if e.Stream != head.Stream {
			return Sealed{}, fmt.Errorf("event: sealing %s events onto the head of %s", e.Stream, head.Stream)
		}
	}
	chain(head, evs)
	return Sealed{head: head, evs: evs, drafts: drafts}, nil
}

// Events returns the sealed events (without log ids).
func (s Sealed) Events() []Event { return s.evs }

// Append writes the sealed events inside tx if the stream is still at the
// head they were sealed on, and reports ErrStale otherwise; it runs their
// projectors as AppendAll does.
func (s Sealed) Append(ctx context.Context, tx *store.Tx) error {
	if len(s.evs) == 0 {
		return nil
	}
	last := s.evs[len(s.evs)-1]
	var err error
	var moved int64
	if s.head.Seq == 0 {
		moved, err = affected(tx.Exec(ctx, `INSERT INTO event_heads (stream, seq, hash) VALUES (?, ?, ?) ON CONFLICT (stream) DO NOTHING`,
			s.head.Stream, last.Seq, last.Hash))
	} else {
		moved, err = affected(tx.Exec(ctx, `UPDATE event_heads SET seq = ?, hash = ? WHERE stream = ? AND seq = ?`,
			last.Seq, last.Hash, s.head.Stream, s.head.Seq))
	}
	if err != nil {
		return fmt.Errorf("event: unable to move the head of %s: %w", s.head.Stream, err)
	}
	if moved != 1 {
		return ErrStale
	}
	if err := insertEvents(ctx, tx, s.evs); err != nil {
		return err
	}
	return project(ctx, tx, s.evs, s.drafts)
}

func affected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
