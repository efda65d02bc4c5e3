package deadline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// ClockKey names a stored clock: its owner and purpose.
type ClockKey struct {
	Owner, Purpose string
}

// ClockState is where a stored clock stands: running or stopped, and its count.
type ClockState struct {
	workday.State
	Calendar string
	Running  bool
}

// States answers where every clock of some owners stands at now, in one statement, so
// that a page of a list shows time left without a query per row. A count that needs a
// year the calendar lacks is shown anyway (administrators are warned separately).
func (b *Book) States(ctx context.Context, owners []string, now time.Time) (map[ClockKey]ClockState, error) {
	out := map[ClockKey]ClockState{}
	var args []any
	seen := map[string]bool{}
	for _, o := range owners {
		if !seen[o] {
			seen[o] = true
			args = append(args, o)
		}
	}
	if len(args) == 0 {
		return out, nil
	}
	rows, err := b.db.Query(ctx, `SELECT owner, purpose, calendar, start_at, budget_days, budget_hours, detail, running FROM clocks
		WHERE owner IN (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("deadline: unable to read clocks: %w", err)
	}
	type read struct {
		key     ClockKey
		clk     workday.Clock
		running bool
	}
	var all []read
	for rows.Next() {
		var (
			r           read
			start       int64
			days, hours int
			det         string
		)
		if err := rows.Scan(&r.key.Owner, &r.key.Purpose, &r.clk.Calendar, &start, &days, &hours, &det, &r.running); err != nil {
			rows.Close()
			return nil, fmt.Errorf("deadline: unable to read clocks: %w", err)
		}
		r.clk.Start, r.clk.Budget = store.FromMicros(start), workday.Budget{Days: days, Hours: hours}
		if det != "" {
			var d detail
			if err := json.Unmarshal([]byte(det), &d); err != nil {
				rows.Close()
				return nil, fmt.Errorf("deadline: clock detail of %s: %w", r.key.Owner, err)
			}
			r.clk.Pauses, r.clk.Extensions = d.Pauses, d.Extensions
		}
		all = append(all, r)
	}
	rows.Close() // before the calendars are read, which may need a connection of their own
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range all {
		cal, err := b.Calendar(ctx, r.clk.Calendar)
		if err != nil {
			return nil, err
		}
		st, err := r.clk.State(cal, now)
		if err != nil && !errors.Is(err, workday.ErrYearNotLoaded) {
			return nil, err
		}
		out[r.key] = ClockState{State: st, Calendar: r.clk.Calendar, Running: r.running}
	}
	return out, nil
}
