package deadline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
)

// ownerRows is how many owners one statement inserts: four values each,
// well under the engines' limits on bound values.
const ownerRows = 1000

// changed appends the calendar.changed event of an edit and keeps the owners
// it moved apart from it, keyed by the event (see CalendarChangedPayload).
func (b *Book) changed(ctx context.Context, tx *store.Tx, actor, name string, moved Moved) error {
	e, err := event.Append(ctx, tx, event.Draft{Stream: CalendarStream(name), Type: EventCalendarChanged, Actor: actor, At: b.now(),
		Payload: CalendarChangedPayload{Calendars: moved.Calendars, MovedClocks: moved.Clocks, Owners: len(moved.Owners), OwnersSHA256: ownersDigest(moved.Owners)}})
	if err != nil {
		return err
	}
	for start := 0; start < len(moved.Owners); start += ownerRows {
		batch := moved.Owners[start:min(start+ownerRows, len(moved.Owners))]
		args := make([]any, 0, 4*len(batch))
		for i, owner := range batch {
			args = append(args, e.Stream, e.Seq, start+i, owner)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO calendar_moved_owners (stream, seq, n, owner) VALUES (?, ?, ?, ?)`+
			strings.Repeat(", (?, ?, ?, ?)", len(batch)-1), args...); err != nil {
			return fmt.Errorf("deadline: unable to record the owners moved by %s %d: %w", e.Stream, e.Seq, err)
		}
	}
	return nil
}

// ownersDigest is the hex SHA-256 of the owners in order, each followed by
// a newline (owners never contain one).
func ownersDigest(owners []string) string {
	h := sha256.New()
	for _, o := range owners {
		h.Write([]byte(o))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ErrOwnersAltered says the owners kept for a calendar.changed event do not
// match the count and digest the event carries.
var ErrOwnersAltered = errors.New("deadline: the owners kept for the event do not match it")

// MovedOwners returns the owners of the running clocks that a
// calendar.changed event moved, in the order the edit listed them, after
// checking them against the event.
func (b *Book) MovedOwners(ctx context.Context, e event.Event) ([]string, error) {
	p, err := event.Decode[CalendarChangedPayload](e)
	if err != nil {
		return nil, err
	}
	if p.OwnersSHA256 == "" { // written before the owners were kept apart
		return p.MovedOwners, nil
	}
	rows, err := b.db.Query(ctx, `SELECT owner FROM calendar_moved_owners WHERE stream = ? AND seq = ? ORDER BY n`, e.Stream, e.Seq)
	if err != nil {
		return nil, fmt.Errorf("deadline: unable to read the owners moved by %s %d: %w", e.Stream, e.Seq, err)
	}
	defer rows.Close()
	owners := make([]string, 0, p.Owners)
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, fmt.Errorf("deadline: unable to read the owners moved by %s %d: %w", e.Stream, e.Seq, err)
		}
		owners = append(owners, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("deadline: unable to read the owners moved by %s %d: %w", e.Stream, e.Seq, err)
	}
	if len(owners) != p.Owners || ownersDigest(owners) != p.OwnersSHA256 {
		return nil, fmt.Errorf("%w: %s %d", ErrOwnersAltered, e.Stream, e.Seq)
	}
	return owners, nil
}
