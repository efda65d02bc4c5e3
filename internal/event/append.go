package event

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	if d.Stream == "" || d.Type == "" {
		return Event{}, errors.New("event: stream and type are required")
	}
	payload, err := encodePayload(d.Payload)
	if err != nil {
		return Event{}, err
	}
	e := Event{
		Stream:  d.Stream,
		Type:    d.Type,
		Actor:   d.Actor,
		At:      d.At.UTC().Truncate(time.Microsecond),
		Payload: payload,
	}
	if e.At.IsZero() {
		return Event{}, errors.New("event: instant is required")
	}
	e.Seq, e.PrevHash, err = advanceHead(ctx, tx, d.Stream)
	if err != nil {
		return Event{}, err
	}
	e.Hash = computeHash(e)
	err = tx.QueryRow(ctx, `INSERT INTO events (stream, seq, type, actor, at, payload, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.Stream, e.Seq, e.Type, e.Actor, store.Micros(e.At), string(e.Payload), e.PrevHash, e.Hash).Scan(&e.ID)
	if err != nil {
		return Event{}, fmt.Errorf("event: unable to append to %s: %w", e.Stream, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE event_heads SET hash = ? WHERE stream = ?`, e.Hash, e.Stream); err != nil {
		return Event{}, fmt.Errorf("event: unable to move the head of %s: %w", e.Stream, err)
	}
	return e, nil
}

// advanceHead claims the next sequence number of a stream and returns the
// hash of the event before it. The UPDATE locks the head row until commit.
func advanceHead(ctx context.Context, tx *store.Tx, stream string) (seq int64, prev string, err error) {
	const bump = `UPDATE event_heads SET seq = seq + 1 WHERE stream = ? RETURNING seq, hash`
	err = tx.QueryRow(ctx, bump, stream).Scan(&seq, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err = tx.Exec(ctx, `INSERT INTO event_heads (stream, seq, hash) VALUES (?, 0, '') ON CONFLICT (stream) DO NOTHING`, stream); err != nil {
			return 0, "", fmt.Errorf("event: unable to open stream %s: %w", stream, err)
		}
		err = tx.QueryRow(ctx, bump, stream).Scan(&seq, &prev)
	}
	if err != nil {
		return 0, "", fmt.Errorf("event: unable to advance stream %s: %w", stream, err)
	}
	return seq, prev, nil
}
