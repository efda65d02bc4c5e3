package workday

import (
	"fmt"
	"time"
)

// Amount is working time in the unit of a clock's budget: whole working days
// for day budgets, working minutes for hour budgets (the other field is 0).
type Amount struct {
	Days    int `json:"days,omitempty"`
	Minutes int `json:"minutes,omitempty"`
}

// State is where a clock stands at an instant.
type State struct {
	Due       time.Time // UTC; zero while Paused
	Paused    bool      // an open pause has stopped the clock
	Late      bool      // not paused and now is after Due
	Budget    Amount    // including extensions
	Used      Amount    // counted days closed (minutes elapsed) so far
	Remaining Amount    // Budget - Used, never negative; 1 day on the due day
	Overdue   Amount    // counted days begun (minutes elapsed) after Due
}

// laid is a clock laid on a calendar's working-time axis.
type laid struct {
	days   bool
	line   timeline
	budget int64
	end    int64
}

// lay computes the clock's timeline. Without pauses it does not allocate,
// which keeps recomputing a million running clocks cheap.
func (c *Calendar) lay(clk Clock) laid {
	r := laid{days: clk.Budget.Days > 0}
	if len(clk.Pauses) > 0 {
		r.line.pauses = make([]interval, 0, len(clk.Pauses))
	}
	ext := int64(clk.ExtensionDays())
	if r.days {
		r.line.start = int64(c.tab.count(c.DateOf(clk.Start).days() + 1))
		r.budget = int64(clk.Budget.Days) + ext
	} else {
		r.line.start = c.pos(clk.Start)
		r.budget = int64(clk.Budget.Hours)*3600 + ext*c.perDay
	}
	for _, p := range clk.Pauses {
		r.line.addPause(c.pauseInterval(p, r.days))
	}
	r.line.merge()
	r.end = r.line.end(r.budget)
	return r
}

// pauseInterval converts a pause to counting units. For day budgets it is
// the working days whose working hours the pause touches, even in part.
func (c *Calendar) pauseInterval(p Pause, days bool) interval {
	from, to := c.pos(p.From), int64(forever)
	if !p.To.IsZero() {
		to = c.pos(p.To)
	}
	if !days || to <= from {
		return interval{from, to}
	}
	iv := interval{floorDiv64(from, c.perDay), forever}
	if to != forever {
		iv.b = ceilDiv64(to, c.perDay)
	}
	return iv
}

// dueAt returns the due instant of a laid clock with a finite end, in UTC,
// and the date it falls on.
func (c *Calendar) dueAt(r laid) (time.Time, Date) {
	if r.days {
		d := dateFromDays(c.tab.nth(int(r.end - 1)))
		return c.Close(d).UTC(), d
	}
	t := c.instant(r.end)
	return t.UTC(), DateOf(t)
}

// firstDay returns the first date whose schedule the clock depends on.
func (c *Calendar) firstDay(clk Clock, r laid) Date {
	if r.days {
		return dateFromDays(c.tab.nth(int(r.line.start)))
	}
	return c.DateOf(clk.Start)
}

func (c *Calendar) check(clk Clock) error {
	if clk.Calendar != c.spec.Name {
		return fmt.Errorf("%w: clock is on %q, calendar is %q", ErrWrongCalendar, clk.Calendar, c.spec.Name)
	}
	return clk.Validate()
}

// DueOf returns the due instant of clk on c; see Clock.Due. The storage
// layer calls it for every running clock after a calendar changes.
func (c *Calendar) DueOf(clk Clock) (time.Time, error) { return clk.Due(c) }

// Due returns the instant the clock's limit ends, in UTC: the close of
// business of the due day for day budgets. While a pause is open it returns
// ErrPaused. If the count needed a year cal holds no schedule for, the
// instant is still returned, with an error wrapping ErrYearNotLoaded.
func (clk Clock) Due(cal *Calendar) (time.Time, error) {
	if err := cal.check(clk); err != nil {
		return time.Time{}, err
	}
	if clk.Paused() {
		return time.Time{}, ErrPaused
	}
	r := cal.lay(clk)
	due, day := cal.dueAt(r)
	return due, cal.coverage(cal.firstDay(clk, r), day)
}

// State returns where the clock stands at now. As with Due, an error
// wrapping ErrYearNotLoaded comes with a valid State.
func (clk Clock) State(cal *Calendar, now time.Time) (State, error) {
	if err := cal.check(clk); err != nil {
		return State{}, err
	}
	r := cal.lay(clk)
	st := State{Paused: clk.Paused()}
	last := cal.DateOf(now)
	if !st.Paused {
		var day Date
		st.Due, day = cal.dueAt(r)
		st.Late = now.After(st.Due)
		if day.After(last) {
			last = day
		}
	}
	np := cal.pos(now)
	if r.days {
		used := r.line.counted(r.line.start, floorDiv64(np, cal.perDay))
		st.Budget.Days = int(r.budget)
		st.Used.Days = int(used)
		st.Remaining.Days = int(max(r.budget-used, 0))
		st.Overdue.Days = int(r.line.counted(r.end, ceilDiv64(np, cal.perDay)))
	} else {
		used := r.line.counted(r.line.start, np)
		st.Budget.Minutes = int(r.budget / 60)
		st.Used.Minutes = int(used / 60)
		st.Remaining.Minutes = int(ceilDiv64(max(r.budget-used, 0), 60))
		st.Overdue.Minutes = int(ceilDiv64(r.line.counted(r.end, np), 60))
	}
	return st, cal.coverage(cal.firstDay(clk, r), last)
}

// Used returns the working time counted so far; see State.
func (clk Clock) Used(cal *Calendar, now time.Time) (Amount, error) {
	st, err := clk.State(cal, now)
	return st.Used, err
}

// Remaining returns the working time left before the limit; see State.
func (clk Clock) Remaining(cal *Calendar, now time.Time) (Amount, error) {
	st, err := clk.State(cal, now)
	return st.Remaining, err
}

// Overdue returns the working time past the limit; see State.
func (clk Clock) Overdue(cal *Calendar, now time.Time) (Amount, error) {
	st, err := clk.State(cal, now)
	return st.Overdue, err
}
