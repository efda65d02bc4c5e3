package deadline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// detail is the part of a clock stored as JSON: usually empty.
type detail struct {
	Pauses     []workday.Pause     `json:"pauses,omitempty"`
	Extensions []workday.Extension `json:"extensions,omitempty"`
}

func encodeDetail(clk workday.Clock) (string, error) {
	if len(clk.Pauses) == 0 && len(clk.Extensions) == 0 {
		return "", nil
	}
	b, err := json.Marshal(detail{Pauses: clk.Pauses, Extensions: clk.Extensions})
	return string(b), err
}

// Start begins a clock for owner (e.g. case:320102-20261122-00001) and
// purpose (acceptance, decision, step:review…) inside the owner's
// transaction, and returns its due instant (zero while paused).
func (b *Book) Start(ctx context.Context, tx *store.Tx, owner, purpose string, clk workday.Clock) (time.Time, error) {
	det, err := prepare(clk)
	if err != nil {
		return time.Time{}, err
	}
	group, due, err := b.groupFor(ctx, tx, clk)
	if err != nil {
		return time.Time{}, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO clocks (owner, purpose, calendar, start_at, budget_days, budget_hours, detail, running, group_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?)`,
		owner, purpose, clk.Calendar, store.Micros(clk.Start), clk.Budget.Days, clk.Budget.Hours, det, group)
	if err != nil {
		return time.Time{}, fmt.Errorf("deadline: unable to start the %s clock of %s: %w", purpose, owner, err)
	}
	return store.FromMicros(due), nil
}

// Update stores a clock's new pauses and extensions (its calendar and
// start do not change) and moves it to the due group that fits it now.
func (b *Book) Update(ctx context.Context, tx *store.Tx, owner, purpose string, clk workday.Clock) (time.Time, error) {
	det, err := prepare(clk)
	if err != nil {
		return time.Time{}, err
	}
	var old int64
	var oldSingle bool
	err = tx.QueryRow(ctx, `SELECT c.group_id, g.plain_day IS NULL FROM clocks c JOIN due_groups g ON g.id = c.group_id
		WHERE c.owner = ? AND c.purpose = ?`, owner, purpose).Scan(&old, &oldSingle)
	if err != nil {
		return time.Time{}, fmt.Errorf("deadline: %s has no %s clock: %w", owner, purpose, err)
	}
	group, due, err := b.groupFor(ctx, tx, clk)
	if err != nil {
		return time.Time{}, err
	}
	if _, err := tx.Exec(ctx, `UPDATE clocks SET detail = ?, budget_days = ?, budget_hours = ?, group_id = ? WHERE owner = ? AND purpose = ?`,
		det, clk.Budget.Days, clk.Budget.Hours, group, owner, purpose); err != nil {
		return time.Time{}, fmt.Errorf("deadline: unable to update the %s clock of %s: %w", purpose, owner, err)
	}
	if oldSingle && old != group {
		if _, err := tx.Exec(ctx, `DELETE FROM due_groups WHERE id = ?`, old); err != nil {
			return time.Time{}, err
		}
	}
	return store.FromMicros(due), nil
}

// prepare checks a clock and encodes its detail column.
func prepare(clk workday.Clock) (string, error) {
	if err := clk.Validate(); err != nil {
		return "", err
	}
	return encodeDetail(clk)
}

// Stop ends a clock (the case was concluded); it is kept for the record.
func (b *Book) Stop(ctx context.Context, tx *store.Tx, owner, purpose string) error {
	_, err := tx.Exec(ctx, `UPDATE clocks SET running = FALSE WHERE owner = ? AND purpose = ?`, owner, purpose)
	return err
}

// Clock reads a stored clock.
func (b *Book) Clock(ctx context.Context, q store.Querier, owner, purpose string) (workday.Clock, bool, error) {
	var (
		clk         workday.Clock
		start       int64
		det         string
		running     bool
		days, hours int
	)
	err := q.QueryRow(ctx, `SELECT calendar, start_at, budget_days, budget_hours, detail, running FROM clocks WHERE owner = ? AND purpose = ?`,
		owner, purpose).Scan(&clk.Calendar, &start, &days, &hours, &det, &running)
	if errors.Is(err, sql.ErrNoRows) {
		return clk, false, fmt.Errorf("deadline: %s has no %s clock", owner, purpose)
	}
	if err != nil {
		return clk, false, err
	}
	clk.Start, clk.Budget = store.FromMicros(start), workday.Budget{Days: days, Hours: hours}
	if det != "" {
		var d detail
		if err := json.Unmarshal([]byte(det), &d); err != nil {
			return clk, false, fmt.Errorf("deadline: clock detail of %s: %w", owner, err)
		}
		clk.Pauses, clk.Extensions = d.Pauses, d.Extensions
	}
	return clk, running, nil
}

// State answers used / remaining / overdue for a stored clock at now.
func (b *Book) State(ctx context.Context, owner, purpose string, now time.Time) (workday.State, error) {
	clk, _, err := b.Clock(ctx, b.db, owner, purpose)
	if err != nil {
		return workday.State{}, err
	}
	cal, err := b.Calendar(ctx, clk.Calendar)
	if err != nil {
		return workday.State{}, err
	}
	st, err := clk.State(cal, now)
	if errors.Is(err, workday.ErrYearNotLoaded) {
		err = nil // shown anyway; administrators are warned separately
	}
	return st, err
}

// Missing is a year some running clocks need that their calendar lacks.
type Missing struct {
	Calendar string
	Year     int
	Clocks   int
}

// MissingYears lists, for the administrators' warning, the years running
// clocks need that are not loaded.
func (b *Book) MissingYears(ctx context.Context) ([]Missing, error) {
	rows, err := b.db.Query(ctx, `SELECT g.calendar, g.missing_year, COUNT(*) FROM due_groups g JOIN clocks c ON c.group_id = g.id
		WHERE c.running = TRUE AND g.missing_year > 0 GROUP BY g.calendar, g.missing_year ORDER BY g.missing_year, g.calendar`)
	if err != nil {
		return nil, fmt.Errorf("deadline: unable to check for missing years: %w", err)
	}
	defer rows.Close()
	var out []Missing
	for rows.Next() {
		var m Missing
		if err := rows.Scan(&m.Calendar, &m.Year, &m.Clocks); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
