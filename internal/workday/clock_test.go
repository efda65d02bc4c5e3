package workday

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func pause(from, to string, reason PauseReason) Pause {
	p := Pause{From: at(from).UTC(), Reason: reason}
	if to != "" {
		p.To = at(to).UTC()
	}
	return p
}

func extension(days int) Extension {
	return Extension{Days: days, ApprovedBy: "分管领导", Reason: "情况复杂", At: at("2026-02-26 10:00").UTC()}
}

// Each case is checked by hand against the 2025 and 2026 notices; the
// working days are numbered in the comment. "close" is 17:30 Beijing time.
func TestDueDays(t *testing.T) {
	cal := National()
	for _, tc := range []struct {
		name  string
		start string
		days  int
		pause []Pause
		ext   []Extension
		want  string // due date; due at its close
	}{{
		// After Mon Feb 9: 10,11,12,13 (1–4), Sat 14 make-up (5), 15–23 春节,
		// 24–27 (6–9), Sat 28 make-up (10), Mar 2–6 (11–15), Mar 9–13 (16–20).
		name: "20 days across the 2026 Spring Festival", start: "2026-02-09 10:00", days: 20, want: "2026-03-13",
	}, {
		// After Thu Sep 25: Fri 26 (1), Sun 28 make-up (2), 29, 30 (3, 4),
		// Oct 1–8 off, Thu 9, Fri 10 (5, 6), Sat 11 make-up (7), 13, 14, 15 (8–10).
		name: "10 days across National Day 2025", start: "2025-09-25 15:00", days: 10, want: "2025-10-15",
	}, {
		// After Fri Sep 18: Sun 20 make-up (1), 21–24 (2–5), 25–27 中秋,
		// 28–30 (6–8), Oct 1–7 国庆, Thu 8, Fri 9 (9, 10).
		name: "10 days across National Day 2026", start: "2026-09-18 09:30", days: 10, want: "2026-10-09",
	}, {
		// The make-up Saturday is day 0; the next working day is Tue Feb 24.
		name: "accepted on the make-up Saturday", start: "2026-02-14 11:00", days: 1, want: "2026-02-24",
	}, {
		// Day 0 is Sat Feb 14; 24–27 are 1–4 and Sat 28 (make-up) is 5.
		name: "make-up Saturday, 5 days", start: "2026-02-14 11:00", days: 5, want: "2026-02-28",
	}, {
		// Day 0 is the holiday Sat Oct 3; Thu 8, Fri 9 (1, 2), Sat 10 make-up (3), Mon 12, Tue 13 (4, 5).
		name: "accepted on a holiday", start: "2026-10-03 10:00", days: 5, want: "2026-10-13",
	}, {
		// Jan 1–3 off; the first working day is the make-up Sunday Jan 4.
		name: "accepted on New Year's Day", start: "2026-01-01 10:00", days: 1, want: "2026-01-04",
	}, {
		name: "Friday, 1 day → Monday", start: "2026-03-06 16:00", days: 1, want: "2026-03-09",
	}, {
		name: "Saturday, 1 day → Monday", start: "2026-03-07 10:00", days: 1, want: "2026-03-09",
	}, {
		name: "09:00, 3 days", start: "2026-03-10 09:00", days: 3, want: "2026-03-13",
	}, {
		name: "16:59 the same day, 3 days: the same due", start: "2026-03-10 16:59", days: 3, want: "2026-03-13",
	}, {
		name: "23:30 the same day, after hours: the same due", start: "2026-03-10 23:30", days: 3, want: "2026-03-13",
	}, {
		// Mar 10 00:30 in Beijing is Mar 9 in UTC: the calendar's zone decides.
		name: "just after midnight Beijing time", start: "2026-03-10 00:30", days: 3, want: "2026-03-13",
	}, {
		// Without pauses: after Mon Sep 14: 15–18 (1–4), Sun 20 (5), 21–24
		// (6–9), 28–30 (10–12), Oct 8, 9 (13, 14), Sat 10 (15), 12–16 (16–20).
		name: "20 days over National Day 2026, no pause", start: "2026-09-14 10:00", days: 20, want: "2026-10-16",
	}, {
		// The pause covers only the holiday and the evenings around it.
		name:  "pause over the holiday only moves nothing",
		start: "2026-09-14 10:00", days: 20, want: "2026-10-16",
		pause: []Pause{pause("2026-09-30 17:40", "2026-10-08 08:50", PauseCorrection)},
	}, {
		// Sep 30 and Oct 8 are touched, so two days more: Oct 19, 20.
		name:  "pause over the holiday touching two working days",
		start: "2026-09-14 10:00", days: 20, want: "2026-10-20",
		pause: []Pause{pause("2026-09-30 10:00", "2026-10-08 10:00", PauseSpecialProcedure)},
	}, {
		name:  "half an hour's pause costs the whole day",
		start: "2026-09-14 10:00", days: 20, want: "2026-10-19",
		pause: []Pause{pause("2026-09-29 10:00", "2026-09-29 10:30", PauseCorrection)},
	}, {
		name:  "a pause within lunch moves nothing",
		start: "2026-09-14 10:00", days: 20, want: "2026-10-16",
		pause: []Pause{pause("2026-09-29 12:05", "2026-09-29 13:20", PauseCorrection)},
	}, {
		name:  "overlapping pauses count each day once",
		start: "2026-09-14 10:00", days: 20, want: "2026-10-20",
		pause: []Pause{
			pause("2026-09-29 10:00", "2026-09-30 11:00", PauseCorrection),
			pause("2026-09-30 09:30", "2026-09-30 15:00", PauseSuspension),
		},
	}, {
		name:  "a pause on the acceptance day costs nothing: it never counts",
		start: "2026-09-14 10:00", days: 20, want: "2026-10-16",
		pause: []Pause{pause("2026-09-14 11:00", "2026-09-14 16:00", PauseCorrection)},
	}, {
		name:  "a pause after the due day cannot make a late case on time",
		start: "2026-09-14 10:00", days: 20, want: "2026-10-16",
		pause: []Pause{pause("2026-10-19 10:00", "2026-10-23 10:00", PauseCorrection)},
	}, {
		// 30 days: after day 20 (Mar 13), Mar 16–20 (21–25), 23–27 (26–30).
		name: "extension of 10 working days", start: "2026-02-09 10:00", days: 20, want: "2026-03-27",
		ext: []Extension{extension(10)},
	}, {
		name: "two extensions add up", start: "2026-02-09 10:00", days: 20, want: "2026-03-27",
		ext: []Extension{extension(4), extension(6)},
	}} {
		clk := ClockFromDays("cn", at(tc.start), tc.days)
		clk.Pauses, clk.Extensions = tc.pause, tc.ext
		got, err := clk.Due(cal)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if want := closeOf(tc.want); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%s: due %v, want %v", tc.name, got.In(shanghai), want.In(shanghai))
		}
	}
}

func TestDueHours(t *testing.T) {
	cal := National()
	for _, tc := range []struct {
		name, start string
		hours       int
		pause       []Pause
		ext         []Extension
		want        string
	}{
		// 11:00–12:00 is 1 h, 13:30–16:30 is 3 h.
		{name: "4 h across lunch", start: "2026-03-06 11:00", hours: 4, want: "2026-03-06 16:30"},
		// Friday 16:00–17:30 is 1.5 h; Monday 09:00–11:30 the other 2.5 h.
		{name: "4 h across a weekend", start: "2026-03-06 16:00", hours: 4, want: "2026-03-09 11:30"},
		{name: "ends exactly at noon, not at 13:30", start: "2026-03-10 11:00", hours: 1, want: "2026-03-10 12:00"},
		{name: "started at lunch", start: "2026-03-10 12:30", hours: 1, want: "2026-03-10 14:30"},
		{name: "started before opening", start: "2026-03-10 07:00", hours: 7, want: "2026-03-10 17:30"},
		// Wed Sep 30 16:00–17:30 is 1.5 h; Oct 1–7 off; Thu Oct 8 09:00–09:30.
		{name: "2 h across National Day 2026", start: "2026-09-30 16:00", hours: 2, want: "2026-10-08 09:30"},
		// Sat Feb 14 is worked: 16:00–17:30, then Tue Feb 24 09:00–11:30.
		{name: "4 h from the make-up Saturday", start: "2026-02-14 16:00", hours: 4, want: "2026-02-24 11:30"},
		// The pause removes 14:00–15:00 of working time.
		{name: "a pause removes exactly its working time", start: "2026-03-06 11:00", hours: 4, want: "2026-03-06 17:30",
			pause: []Pause{pause("2026-03-06 14:00", "2026-03-06 15:00", PauseCorrection)}},
		// One extra day is 7 h: Fri 16:30–17:30, Mon 09:00–12:00 and 13:30–16:30.
		{name: "an extension adds a working day of hours", start: "2026-03-06 11:00", hours: 4, want: "2026-03-09 16:30",
			ext: []Extension{extension(1)}},
	} {
		clk := ClockFromHours("cn", at(tc.start), tc.hours)
		clk.Pauses, clk.Extensions = tc.pause, tc.ext
		got, err := clk.Due(cal)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
		} else if want := at(tc.want); !got.Equal(want) {
			t.Errorf("%s: due %v, want %v", tc.name, got.In(shanghai), want)
		}
	}
}

// Editing a calendar moves a running clock's due: the clock stores only its
// budget, so recomputing on the new calendar gives the new due.
func TestCalendarEditMovesDue(t *testing.T) {
	region := Spec{Name: "cn-650100", Holidays: []Date{day("2026-03-11")}}
	before := mustNew(t, Derive(NationalSpec(), Spec{Name: "cn-650100"}))
	after := mustNew(t, Derive(NationalSpec(), region))
	clk := ClockFromDays("cn-650100", at("2026-02-09 10:00"), 20)
	d1, err1 := before.DueOf(clk)
	d2, err2 := after.DueOf(clk)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	// Mar 11 no longer counts, so day 20 moves from Fri Mar 13 to Mon Mar 16.
	if !d1.Equal(closeOf("2026-03-13")) || !d2.Equal(closeOf("2026-03-16")) {
		t.Errorf("due before %v, after %v", d1.In(shanghai), d2.In(shanghai))
	}
}

func TestDueReportsUnloadedYear(t *testing.T) {
	// After Sun Dec 20 2026: 21–25 (1–5), 28–31 (6–9), then 2027 by the
	// Monday-to-Friday rule: Fri Jan 1 (10), 4–8 (11–15), 11–15 (16–20).
	clk := ClockFromDays("cn", at("2026-12-20 10:00"), 20)
	due, err := clk.Due(National())
	var yerr *YearNotLoadedError
	if !errors.As(err, &yerr) || yerr.Year != 2027 || !errors.Is(err, ErrYearNotLoaded) {
		t.Fatalf("err = %v", err)
	}
	if !due.Equal(closeOf("2027-01-15")) {
		t.Errorf("due %v", due.In(shanghai))
	}
	if _, err := ClockFromDays("cn", at("2026-12-01 10:00"), 5).Due(National()); err != nil {
		t.Errorf("a clock inside 2026 reported %v", err)
	}
}

func TestState(t *testing.T) {
	cal := National()
	// 1 day from Thu Mar 5: due Fri Mar 6 17:30.
	clk := ClockFromDays("cn", at("2026-03-05 10:00"), 1)
	due := closeOf("2026-03-06")
	for _, tc := range []struct {
		now  string
		want State
	}{
		{"2026-03-05 15:00", State{Due: due, Budget: Amount{Days: 1}, Remaining: Amount{Days: 1}}},
		{"2026-03-06 10:00", State{Due: due, Budget: Amount{Days: 1}, Remaining: Amount{Days: 1}}},
		{"2026-03-06 17:30", State{Due: due, Budget: Amount{Days: 1}, Used: Amount{Days: 1}}},
		{"2026-03-06 18:00", State{Due: due, Late: true, Budget: Amount{Days: 1}, Used: Amount{Days: 1}}},
		{"2026-03-09 10:00", State{Due: due, Late: true, Budget: Amount{Days: 1}, Used: Amount{Days: 1}, Overdue: Amount{Days: 1}}},
		{"2026-03-10 09:30", State{Due: due, Late: true, Budget: Amount{Days: 1}, Used: Amount{Days: 2}, Overdue: Amount{Days: 2}}},
	} {
		got, err := clk.State(cal, at(tc.now))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("at %s (-want +got):\n%s", tc.now, diff)
		}
	}

	// Paused since Friday 10:00: Friday is touched, so nothing is used yet.
	clk.Pauses = []Pause{pause("2026-03-06 10:00", "", PauseCorrection)}
	if _, err := clk.Due(cal); !errors.Is(err, ErrPaused) {
		t.Errorf("Due of a paused clock: %v", err)
	}
	got, _ := clk.State(cal, at("2026-03-12 10:00"))
	want := State{Paused: true, Budget: Amount{Days: 1}, Remaining: Amount{Days: 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paused (-want +got):\n%s", diff)
	}

	// Resumed Tuesday 15:00: Fri, Mon and Tue are not counted, Wed is day 1.
	clk.Pauses[0].To = at("2026-03-10 15:00").UTC()
	if d, err := clk.Due(cal); err != nil || !d.Equal(closeOf("2026-03-11")) {
		t.Errorf("resumed: %v %v", d.In(shanghai), err)
	}
}

func TestStateHours(t *testing.T) {
	// 4 h from Fri 11:00, due Fri 16:30.
	clk := ClockFromHours("cn", at("2026-03-06 11:00"), 4)
	st, err := clk.State(National(), at("2026-03-06 14:00"))
	if err != nil {
		t.Fatal(err)
	}
	// 11:00–12:00 and 13:30–14:00 used: 90 minutes.
	want := State{Due: at("2026-03-06 16:30").UTC(), Budget: Amount{Minutes: 240}, Used: Amount{Minutes: 90}, Remaining: Amount{Minutes: 150}}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Monday 09:10: Friday gave 60+240 minutes, Monday 10 more; 70 over.
	over, _ := clk.Overdue(National(), at("2026-03-09 09:10"))
	used, _ := clk.Used(National(), at("2026-03-09 09:10"))
	if over.Minutes != 70 || used.Minutes != 310 {
		t.Errorf("overdue %v used %v", over, used)
	}
}

func TestClockJSONFieldNames(t *testing.T) {
	clk := ClockFromDays("cn", at("2026-02-09 10:00"), 20)
	clk.Pauses = []Pause{pause("2026-02-10 09:00", "", PauseCorrection)}
	clk.Extensions = []Extension{extension(10)}
	b, err := json.Marshal(clk)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"calendar":"cn","start":"2026-02-09T02:00:00Z","budget":{"days":20},` +
		`"pauses":[{"from":"2026-02-10T01:00:00Z","reason":"correction"}],` +
		`"extensions":[{"days":10,"approved_by":"分管领导","reason":"情况复杂","at":"2026-02-26T02:00:00Z"}]}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	var back Clock
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(clk, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestInvalidClocks(t *testing.T) {
	cal := National()
	start := at("2026-03-02 10:00")
	good := ClockFromDays("cn", start, 5)
	for name, mutate := range map[string]func(*Clock){
		"no start":       func(c *Clock) { c.Start = time.Time{} },
		"days and hours": func(c *Clock) { c.Budget.Hours = 3 },
		"no budget":      func(c *Clock) { c.Budget.Days = 0 },
		"negative":       func(c *Clock) { c.Budget.Days = -1 },
		"pause before":   func(c *Clock) { c.Pauses = []Pause{{From: start.Add(-time.Hour), Reason: PauseCorrection}} },
		"pause reversed": func(c *Clock) {
			c.Pauses = []Pause{{From: start.Add(2 * time.Hour), To: start.Add(time.Hour), Reason: PauseCorrection}}
		},
		"unknown reason": func(c *Clock) { c.Pauses = []Pause{{From: start, Reason: "lunch"}} },
		"two open pauses": func(c *Clock) {
			c.Pauses = []Pause{{From: start, Reason: PauseCorrection}, {From: start, Reason: PauseSuspension}}
		},
		"negative extend": func(c *Clock) { c.Extensions = []Extension{{Days: -3}} },
		"huge budget":     func(c *Clock) { c.Budget.Days = 1 << 40 },
	} {
		c := good
		mutate(&c)
		if _, err := c.Due(cal); !errors.Is(err, ErrInvalidClock) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	other := good
	other.Calendar = "cn-650100"
	if _, err := other.Due(cal); !errors.Is(err, ErrWrongCalendar) {
		t.Errorf("wrong calendar: %v", err)
	}
}
