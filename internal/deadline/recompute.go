package deadline

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// derivedFrom lists name and every calendar that inherits from it.
func derivedFrom(all map[string]Entry, name string) []string {
	out := []string{name}
	for i := 0; i < len(out); i++ {
		for n, e := range all {
			if e.Parent == out[i] {
				out = append(out, n)
			}
		}
	}
	return out
}

// recompute derives again the due instant of every due group on the
// calendars affected by an edit of name, writes those that changed, and
// lists the owners of the running clocks that moved.
func (b *Book) recompute(ctx context.Context, tx *store.Tx, all map[string]Entry, name string) (Moved, error) {
	moved := Moved{Calendars: derivedFrom(all, name)}
	var movedGroups []int64
	for _, calName := range moved.Calendars {
		spec, err := effective(all, calName, 0)
		if err != nil {
			return moved, err
		}
		cal, err := workday.New(spec)
		if err != nil {
			return moved, err
		}
		groups, err := readGroups(ctx, tx, cal)
		if err != nil {
			return moved, err
		}
		for _, g := range groups {
			d, err := derive(cal, g.clk)
			if err != nil {
				return moved, fmt.Errorf("deadline: due group %d: %w", g.id, err)
			}
			if d == g.stored {
				continue
			}
			if _, err := tx.Exec(ctx, `UPDATE due_groups SET due_at = ?, missing_year = ? WHERE id = ?`, d.due, d.missingYear, g.id); err != nil {
				return moved, err
			}
			if d.due != g.stored.due {
				movedGroups = append(movedGroups, g.id)
			}
		}
	}
	return moved, ownersOf(ctx, tx, movedGroups, &moved)
}

// storedGroup is a due group with a clock that stands for all of it.
type storedGroup struct {
	id     int64
	clk    workday.Clock
	stored derived
}

// readGroups reads a calendar's due groups that have running clocks: a
// plain group stands for itself (day and budget); a single clock's group is
// read with its clock. Everything is read before anything is written, since
// PostgreSQL cannot write on a connection while a result is open.
func readGroups(ctx context.Context, tx *store.Tx, cal *workday.Calendar) ([]storedGroup, error) {
	rows, err := tx.Query(ctx, `SELECT g.id, COALESCE(g.plain_day, ''), COALESCE(g.plain_days, 0), g.due_at, g.missing_year,
			MIN(c.start_at), MIN(c.budget_days), MIN(c.budget_hours), MIN(c.detail)
		FROM due_groups g JOIN clocks c ON c.group_id = g.id
		WHERE g.calendar = ? AND c.running = TRUE
		GROUP BY g.id, g.plain_day, g.plain_days, g.due_at, g.missing_year`, cal.Name())
	if err != nil {
		return nil, fmt.Errorf("deadline: unable to read due groups: %w", err)
	}
	defer rows.Close()
	var out []storedGroup
	for rows.Next() {
		var (
			g          storedGroup
			day, det   string
			days       int
			start      int64
			cDays, cHr int
		)
		if err := rows.Scan(&g.id, &day, &days, &g.stored.due, &g.stored.missingYear, &start, &cDays, &cHr, &det); err != nil {
			return nil, err
		}
		g.clk = workday.Clock{Calendar: cal.Name(), Start: store.FromMicros(start), Budget: workday.Budget{Days: cDays, Hours: cHr}}
		if day != "" {
			d, err := workday.ParseDate(day)
			if err != nil {
				return nil, fmt.Errorf("deadline: due group %d day %q: %w", g.id, day, err)
			}
			g.clk = workday.ClockFromDays(cal.Name(), d.In(cal.Location()), days)
		} else if det != "" {
			var d detail
			if err := json.Unmarshal([]byte(det), &d); err != nil {
				return nil, fmt.Errorf("deadline: due group %d detail: %w", g.id, err)
			}
			g.clk.Pauses, g.clk.Extensions = d.Pauses, d.Extensions
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// ownersOf lists the owners of the running clocks in the moved groups.
func ownersOf(ctx context.Context, tx *store.Tx, groups []int64, moved *Moved) error {
	seen := map[string]bool{}
	for len(groups) > 0 {
		n := min(len(groups), 500)
		batch := groups[:n]
		groups = groups[n:]
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = id
		}
		q := `SELECT owner FROM clocks WHERE running = TRUE AND group_id IN (?` + strings.Repeat(", ?", n-1) + `)`
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("deadline: unable to list moved clocks: %w", err)
		}
		for rows.Next() {
			var owner string
			if err := rows.Scan(&owner); err != nil {
				rows.Close()
				return err
			}
			moved.Clocks++
			if !seen[owner] {
				seen[owner] = true
				moved.Owners = append(moved.Owners, owner)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
