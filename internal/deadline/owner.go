package deadline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// What an owner does to all of its clocks at once: a case's special
// procedure pauses every limit of the case, an extension lengthens them,
// and the payment sweep finds the payment limits that have passed.

// Running lists the purposes of owner's running clocks, in purpose order.
func (b *Book) Running(ctx context.Context, q store.Querier, owner string) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT purpose FROM clocks WHERE owner = ? AND running = TRUE ORDER BY purpose`, owner)
	if err != nil {
		return nil, fmt.Errorf("deadline: unable to list the clocks of %s: %w", owner, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("deadline: unable to list the clocks of %s: %w", owner, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Pause stops a clock from at, for reason, until Resume; a clock already
// paused is left as it is.
func (b *Book) Pause(ctx context.Context, tx *store.Tx, owner, purpose string, at time.Time, reason workday.PauseReason) error {
	clk, _, err := b.Clock(ctx, tx, owner, purpose)
	if err != nil {
		return err
	}
	if clk.Paused() {
		return nil
	}
	clk.Pauses = append(slices.Clone(clk.Pauses), workday.Pause{From: at, Reason: reason})
	_, err = b.Update(ctx, tx, owner, purpose, clk)
	return err
}

// Resume ends a clock's open pause of reason at at, and returns the pause
// as closed (zero when the clock had no open pause of that reason).
func (b *Book) Resume(ctx context.Context, tx *store.Tx, owner, purpose string, at time.Time, reason workday.PauseReason) (workday.Pause, error) {
	clk, _, err := b.Clock(ctx, tx, owner, purpose)
	if err != nil {
		return workday.Pause{}, err
	}
	n := len(clk.Pauses)
	if n == 0 || !clk.Pauses[n-1].To.IsZero() || clk.Pauses[n-1].Reason != reason {
		return workday.Pause{}, nil
	}
	clk.Pauses = slices.Clone(clk.Pauses)
	clk.Pauses[n-1].To = at
	_, err = b.Update(ctx, tx, owner, purpose, clk)
	return clk.Pauses[n-1], err
}

// Extend adds an extension (延期) to a clock and returns its new due
// instant (zero while paused).
func (b *Book) Extend(ctx context.Context, tx *store.Tx, owner, purpose string, ext workday.Extension) (time.Time, error) {
	clk, _, err := b.Clock(ctx, tx, owner, purpose)
	if err != nil {
		return time.Time{}, err
	}
	clk.Extensions = append(slices.Clone(clk.Extensions), ext)
	return b.Update(ctx, tx, owner, purpose, clk)
}

// Lapsed is a running clock whose due instant has passed.
type Lapsed struct {
	Owner   string
	Purpose string
	Due     time.Time
}

// LapsedBefore lists up to limit running clocks whose purpose starts with
// prefix and whose due instant is before t, oldest due first: the sweeps
// that act when a limit passes read them. A paused clock has no due
// instant and never lapses. The due groups' index on due_at finds them.
func (b *Book) LapsedBefore(ctx context.Context, q store.Querier, prefix string, t time.Time, limit int) ([]Lapsed, error) {
	rows, err := q.Query(ctx, `SELECT c.owner, c.purpose, g.due_at FROM due_groups g JOIN clocks c ON c.group_id = g.id
		WHERE g.due_at > 0 AND g.due_at < ? AND c.running = TRUE AND c.purpose LIKE ?
		ORDER BY g.due_at, c.owner LIMIT ?`, store.Micros(t), escapeLike(prefix)+"%", limit)
	if err != nil {
		return nil, fmt.Errorf("deadline: unable to find lapsed %s clocks: %w", prefix, err)
	}
	defer rows.Close()
	var out []Lapsed
	for rows.Next() {
		var (
			l   Lapsed
			due int64
		)
		if err := rows.Scan(&l.Owner, &l.Purpose, &due); err != nil {
			return nil, fmt.Errorf("deadline: unable to find lapsed %s clocks: %w", prefix, err)
		}
		l.Due = store.FromMicros(due)
		out = append(out, l)
	}
	return out, rows.Err()
}

// escapeLike keeps a prefix's own % and _ from matching anything; the
// purposes Shenpi uses have neither, so no ESCAPE clause is needed.
func escapeLike(s string) string {
	if strings.ContainsAny(s, `%_\`) {
		panic("deadline: a purpose prefix may not contain % _ or \\")
	}
	return s
}

// CalendarIn is Calendar read through q, for a caller inside a transaction.
func (b *Book) CalendarIn(ctx context.Context, q store.Querier, name string) (*workday.Calendar, error) {
	return b.calendar(ctx, q, name)
}
