package event

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// Draft is an event to append: the log assigns its sequence and hashes.
type Draft struct {
	Stream  string
	Type    string
	Actor   string
	At      time.Time
	Payload any
}

// Append writes d as the next event of its stream inside tx, which must be
// the transaction that makes the state change the event records.
func Append(ctx context.Context, tx *store.Tx, d Draft) (Event, error) {
	evs, err := AppendAll(ctx, tx, []Draft{d})
	if err != nil {
		return Event{}, err
	}
	return evs[0], nil
}

// AppendAll writes several events of one stream, in order, as one step
// (the returned events have no ID: the log assigns it on commit):
// the stream's head moves once and the events are inserted together, which
// is what a state change that records several events (a flow transition)
// needs to stay cheap.
func AppendAll(ctx context.Context, tx *store.Tx, drafts []Draft) ([]Event, error) {
	if len(drafts) == 0 {
		return nil, nil
	}
	stream := drafts[0].Stream
	evs := make([]Event, len(drafts))
	for i, d := range drafts {
		if d.Stream == "" || d.Type == "" {
			return nil, errors.New("event: stream and type are required")
		}
		if d.Stream != stream {
			return nil, fmt.Errorf("event: AppendAll takes one stream, got %s and %s", stream, d.Stream)
		}
		if d.At.IsZero() {
			return nil, errors.New("event: instant is required")
		}
		payload, err := encodePayload(d.Payload)
		if err != nil {
			return nil, err
		}
		evs[i] = Event{Stream: stream, Type: d.Type, Actor: d.Actor, At: d.At.UTC().Truncate(time.Microsecond), Payload: payload}
	}
	last, prev, err := advanceHead(ctx, tx, stream, int64(len(evs)))
	if err != nil {
		return nil, err
	}
	first := last - int64(len(evs)) + 1
	var (
		values strings.Builder
		args   []any
	)
	for i := range evs {
		evs[i].Seq, evs[i].PrevHash = first+int64(i), prev
		evs[i].Hash = computeHash(evs[i])
		prev = evs[i].Hash
		if i > 0 {
			values.WriteString(", ")
		}
		values.WriteString("(?, ?, ?, ?, ?, ?, ?, ?)")
		e := evs[i]
		args = append(args, e.Stream, e.Seq, e.Type, e.Actor, store.Micros(e.At), string(e.Payload), e.PrevHash, e.Hash)
	}
	if err := insertEvents(ctx, tx, values.String(), args, evs); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `UPDATE event_heads SET hash = ? WHERE stream = ?`, prev, stream); err != nil {
		return nil, fmt.Errorf("event: unable to move the head of %s: %w", stream, err)
	}
	return evs, nil
}

// insertEvents inserts the rows. Their log ids are not read back: no
// writer needs them, and subscribers see them when they read the log.
func insertEvents(ctx context.Context, tx *store.Tx, values string, args []any, evs []Event) error {
	if _, err := tx.Exec(ctx, `INSERT INTO events (stream, seq, type, actor, at, payload, prev_hash, hash)
		VALUES `+values, args...); err != nil {
		return fmt.Errorf("event: unable to append to %s: %w", evs[0].Stream, err)
	}
	return nil
}

// advanceHead claims the next n sequence numbers of a stream and returns
// the last of them and the hash of the event before the first. The UPDATE
// locks the head row until commit.
func advanceHead(ctx context.Context, tx *store.Tx, stream string, n int64) (last int64, prev string, err error) {
	const bump = `UPDATE event_heads SET seq = seq + ? WHERE stream = ? RETURNING seq, hash`
	err = tx.QueryRow(ctx, bump, n, stream).Scan(&last, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err = tx.Exec(ctx, `INSERT INTO event_heads (stream, seq, hash) VALUES (?, 0, '') ON CONFLICT (stream) DO NOTHING`, stream); err != nil {
			return 0, "", fmt.Errorf("event: unable to open stream %s: %w", stream, err)
		}
		err = tx.QueryRow(ctx, bump, n, stream).Scan(&last, &prev)
	}
	if err != nil {
		return 0, "", fmt.Errorf("event: unable to advance stream %s: %w", stream, err)
	}
	return last, prev, nil
}
