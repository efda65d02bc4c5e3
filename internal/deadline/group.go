package deadline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// plain reports whether a clock's due instant depends only on its
// calendar, start day and budget, so it can share a due group.
func plain(clk workday.Clock) bool {
	return clk.Budget.Hours == 0 && len(clk.Pauses) == 0 && len(clk.Extensions) == 0
}

// derived is a clock's due instant as the index stores it.
type derived struct {
	due         int64
	missingYear int
}

// derive computes the index columns of a clock on its calendar. A paused
// clock has no due instant; a year without a schedule is recorded, not
// refused: the deadline is computed by the Monday–Friday rule meanwhile.
func derive(cal *workday.Calendar, clk workday.Clock) (derived, error) {
	due, err := cal.DueOf(clk)
	var missing *workday.YearNotLoadedError
	switch {
	case errors.Is(err, workday.ErrPaused):
		return derived{}, nil
	case errors.As(err, &missing):
		return derived{due: store.Micros(due), missingYear: missing.Year}, nil
	case err != nil:
		return derived{}, err
	}
	return derived{due: store.Micros(due)}, nil
}

// groupFor returns the due group a clock belongs in and the group's due
// instant, creating the group: the shared group of its day and budget for
// a plain clock (usually there already: one read, and the calendar is not
// needed), a new group of its own otherwise.
func (b *Book) groupFor(ctx context.Context, tx *store.Tx, clk workday.Clock) (int64, int64, error) {
	var id, due int64
	if plain(clk) {
		loc, err := b.zoneOf(ctx, tx, clk.Calendar)
		if err != nil {
			return 0, 0, err
		}
		day := workday.DateOf(clk.Start.In(loc)).String()
		err = tx.QueryRow(ctx, `SELECT id, due_at FROM due_groups WHERE calendar = ? AND plain_day = ? AND plain_days = ?`,
			clk.Calendar, day, clk.Budget.Days).Scan(&id, &due)
		if err == nil {
			return id, due, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, 0, fmt.Errorf("deadline: unable to read a due group: %w", err)
		}
		cal, err := b.calendar(ctx, tx, clk.Calendar)
		if err != nil {
			return 0, 0, err
		}
		d, err := derive(cal, clk)
		if err != nil {
			return 0, 0, err
		}
		// ON CONFLICT: another transaction on PostgreSQL may have made the
		// group meanwhile; DO UPDATE (a no-op) lets RETURNING give its row.
		err = tx.QueryRow(ctx, `INSERT INTO due_groups (calendar, plain_day, plain_days, due_at, missing_year)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (calendar, plain_day, plain_days) DO UPDATE SET calendar = excluded.calendar
			RETURNING id, due_at`, clk.Calendar, day, clk.Budget.Days, d.due, d.missingYear).Scan(&id, &due)
		return id, due, err
	}
	cal, err := b.calendar(ctx, tx, clk.Calendar)
	if err != nil {
		return 0, 0, err
	}
	d, err := derive(cal, clk)
	if err != nil {
		return 0, 0, err
	}
	err = tx.QueryRow(ctx, `INSERT INTO due_groups (calendar, plain_day, plain_days, due_at, missing_year)
		VALUES (?, NULL, NULL, ?, ?) RETURNING id`, clk.Calendar, d.due, d.missingYear).Scan(&id)
	return id, d.due, err
}
