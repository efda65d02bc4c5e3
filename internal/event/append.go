package event

import (
	"context"
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
// the transaction that makes the state change the event records, and runs
// the projectors registered for its type (see Projectors) in it.
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
	evs, err := prepare(drafts)
	if err != nil || len(evs) == 0 {
		return nil, err
	}
	stream := evs[0].Stream
	last, prev, err := advanceHead(ctx, tx, stream, int64(len(evs)))
	if err != nil {
		return nil, err
	}
	chain(Head{Stream: stream, Seq: last - int64(len(evs)), Hash: prev}, evs)
	if err := insertEvents(ctx, tx, evs); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `UPDATE event_heads SET hash = ? WHERE stream = ?`, evs[len(evs)-1].Hash, stream); err != nil {
		return nil, fmt.Errorf("event: unable to move the head of %s: %w", stream, err)
	}
	return evs, project(ctx, tx, evs, drafts)
}

// prepare checks drafts of one stream and encodes their payloads.
func prepare(drafts []Draft) ([]Event, error) {
	evs := make([]Event, len(drafts))
	for i, d := range drafts {
		if d.Stream == "" || d.Type == "" {
			return nil, errors.New("event: stream and type are required")
		}
		if d.Stream != drafts[0].Stream {
			return nil, fmt.Errorf("event: one stream at a time, got %s and %s", drafts[0].Stream, d.Stream)
		}
		if d.At.IsZero() {
			return nil, errors.New("event: instant is required")
		}
		payload, err := encodePayload(d.Payload)
		if err != nil {
			return nil, err
		}
		evs[i] = Event{Stream: d.Stream, Type: d.Type, Actor: d.Actor, At: d.At.UTC().Truncate(time.Microsecond), Payload: payload}
	}
	return evs, nil
}

// chain numbers and hashes evs as the events that follow head.
func chain(head Head, evs []Event) {
	prev := head.Hash
	for i := range evs {
		evs[i].Seq, evs[i].PrevHash = head.Seq+int64(i)+1, prev
		evs[i].Hash = computeHash(evs[i])
		prev = evs[i].Hash
	}
}

// insertEvents inserts the rows in one statement. Their log ids are not
// read back: no writer needs them, and subscribers see them when they read
// the log.
func insertEvents(ctx context.Context, tx *store.Tx, evs []Event) error {
	var values strings.Builder
	args := make([]any, 0, 8*len(evs))
	for i, e := range evs {
		if i > 0 {
			values.WriteString(", ")
		}
		values.WriteString("(?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, e.Stream, e.Seq, e.Type, e.Actor, store.Micros(e.At), string(e.Payload), e.PrevHash, e.Hash)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO events (stream, seq, type, actor, at, payload, prev_hash, hash)
		VALUES `+values.String(), args...); err != nil {
		return fmt.Errorf("event: unable to append to %s: %w", evs[0].Stream, err)
	}
	numberAtCommit(tx, evs)
	return nil
}

// advanceHead claims the next n sequence numbers of a stream, opening it if
// it is new, and returns the last of them and the hash of the event before
// the first. The row it writes stays locked until commit, so concurrent
// appends on PostgreSQL queue instead of racing for a sequence number.
func advanceHead(ctx context.Context, tx *store.Tx, stream string, n int64) (last int64, prev string, err error) {
	err = tx.QueryRow(ctx, `INSERT INTO event_heads (stream, seq, hash) VALUES (?, ?, '')
		ON CONFLICT (stream) DO UPDATE SET seq = event_heads.seq + excluded.seq RETURNING seq, hash`, stream, n).Scan(&last, &prev)
	if err != nil {
		return 0, "", fmt.Errorf("event: unable to advance stream %s: %w", stream, err)
	}
	return last, prev, nil
}
