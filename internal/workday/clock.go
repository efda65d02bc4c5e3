package workday

import (
	"fmt"
	"time"
)

// Clock is a case's time limit as stored: a budget counted on a named
// calendar from a start instant, stopped by pauses and lengthened by
// extensions. The due instant is derived from it (Due), never stored.
// The JSON field names are part of the storage format; do not rename them.
type Clock struct {
	Calendar   string      `json:"calendar"`
	Start      time.Time   `json:"start"` // acceptance (受理) instant, UTC
	Budget     Budget      `json:"budget"`
	Pauses     []Pause     `json:"pauses,omitempty"`
	Extensions []Extension `json:"extensions,omitempty"`
}

// Budget is a time limit in working days or in working hours: exactly one of
// the two is set.
type Budget struct {
	Days  int `json:"days,omitempty"`
	Hours int `json:"hours,omitempty"`
}

// Pause is time that does not count (Art. 45: special procedures; time the
// applicant spends correcting materials; suspension). To is zero while the
// pause is still open.
type Pause struct {
	From   time.Time   `json:"from"`
	To     time.Time   `json:"to,omitzero"`
	Reason PauseReason `json:"reason"`
}

// PauseReason says why a clock was stopped.
type PauseReason string

// The reasons a clock may be paused.
const (
	PauseCorrection       PauseReason = "correction"        // 补正材料
	PauseSpecialProcedure PauseReason = "special_procedure" // 特别程序 (hearing, testing, expert review…)
	PauseSuspension       PauseReason = "suspension"        // 中止
)

// Extension (延期) adds working days to the budget, approved by the head of
// the organ with a written reason (Art. 42: +10 working days).
type Extension struct {
	Days       int       `json:"days"`
	ApprovedBy string    `json:"approved_by"`
	Reason     string    `json:"reason"`
	At         time.Time `json:"at"`
}

// Limits that keep every computation far from integer overflow.
const (
	maxBudgetDays  = 36500
	maxBudgetHours = 36500 * 24
)

// ClockFromDays returns a clock of the given working days from start.
func ClockFromDays(calendar string, start time.Time, days int) Clock {
	return Clock{Calendar: calendar, Start: start.UTC(), Budget: Budget{Days: days}}
}

// ClockFromHours returns a clock of the given working hours from start.
func ClockFromHours(calendar string, start time.Time, hours int) Clock {
	return Clock{Calendar: calendar, Start: start.UTC(), Budget: Budget{Hours: hours}}
}

// Paused reports whether the clock has an open pause.
func (clk Clock) Paused() bool {
	for _, p := range clk.Pauses {
		if p.To.IsZero() {
			return true
		}
	}
	return false
}

// ExtensionDays returns the working days added by all extensions.
func (clk Clock) ExtensionDays() int {
	n := 0
	for _, e := range clk.Extensions {
		n += e.Days
	}
	return n
}

// Validate reports what, if anything, makes the clock unusable; the error
// wraps ErrInvalidClock.
func (clk Clock) Validate() error {
	if msg := clk.problem(); msg != "" {
		return fmt.Errorf("%w: %s", ErrInvalidClock, msg)
	}
	return nil
}

func (clk Clock) problem() string {
	b := clk.Budget
	switch {
	case clk.Start.IsZero():
		return "no start instant"
	case b.Days < 0 || b.Hours < 0:
		return "negative budget"
	case (b.Days > 0) == (b.Hours > 0):
		return "budget must be in days or in hours, not both or neither"
	case b.Days > maxBudgetDays || b.Hours > maxBudgetHours:
		return "budget too large"
	}
	open := 0
	for _, p := range clk.Pauses {
		switch {
		case p.From.Before(clk.Start):
			return "pause starts before the clock"
		case p.To.IsZero():
			open++
		case p.To.Before(p.From):
			return "pause ends before it starts"
		}
		if p.Reason != PauseCorrection && p.Reason != PauseSpecialProcedure && p.Reason != PauseSuspension {
			return fmt.Sprintf("unknown pause reason %q", p.Reason)
		}
	}
	if open > 1 {
		return "more than one open pause"
	}
	ext := 0
	for _, e := range clk.Extensions {
		if e.Days < 1 || e.Days > maxBudgetDays {
			return "extension must add between 1 and 36500 working days"
		}
		ext += e.Days
	}
	if ext > maxBudgetDays {
		return "extensions too large"
	}
	return ""
}
