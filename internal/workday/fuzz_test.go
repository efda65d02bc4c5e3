package workday

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// FuzzParseSpecText: the parser never panics, and whatever it accepts
// formats and re-parses to the same spec.
func FuzzParseSpecText(f *testing.F) {
	f.Add(nationalText)
	f.Add("name x\nparent cn\nzone UTC\nhours 08:00-12:00:30 13:00-24:00\nyear 2030\n2030-01-01..2030-01-03 off  a  b \n2030-01-05 work\n")
	f.Add("2026-02-15..2026-02-23 off 春节\n2026-02-20 work")
	f.Add("name \r\n2026-01-01 off x\ry\n")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseSpecText(strings.NewReader(text))
		if err != nil {
			return
		}
		again, err := ParseSpecText(strings.NewReader(FormatSpecText(s)))
		if err != nil {
			t.Fatalf("formatted spec does not parse: %v\n%s", err, FormatSpecText(s))
		}
		if diff := cmp.Diff(s, again, specOpts); diff != "" {
			t.Fatalf("round trip (-parsed +reparsed):\n%s", diff)
		}
	})
}

// FuzzAddCount: on the national calendar, inside and outside the loaded
// years, AddWorkdays and CountWorkdays are inverse, monotonic and additive.
func FuzzAddCount(f *testing.F) {
	f.Add(0, 20, 5, 3)
	f.Add(2230, 1, -1, -40)
	f.Add(-3000, 400, 0, 9000)
	f.Fuzz(func(t *testing.T, offset, n, m, span int) {
		cal := National()
		base := day("2026-01-01")
		d := base.AddDays(offset % 20000)
		n, m, span = n%5000, m%5000, span%20000
		got := cal.AddWorkdays(d, n)
		if n >= 0 {
			if c := cal.CountWorkdays(d, got); c != n {
				t.Fatalf("CountWorkdays(%v, AddWorkdays(%v, %d) = %v) = %d", d, d, n, got, c)
			}
		}
		if n != 0 && !cal.IsWorkday(got) {
			t.Fatalf("AddWorkdays(%v, %d) = %v is not a working day", d, n, got)
		}
		if other := cal.AddWorkdays(d, m); (n < m) != got.Before(other) {
			t.Fatalf("not monotonic: %d→%v, %d→%v", n, got, m, other)
		}
		e := d.AddDays(span)
		if cal.CountWorkdays(d, got)+cal.CountWorkdays(got, e) != cal.CountWorkdays(d, e) {
			t.Fatalf("not additive over %v, %v, %v", d, got, e)
		}
	})
}

// FuzzClock: pauses never shorten a limit, the due is monotonic in the
// budget, extensions are budget, and the state at the due is consistent.
func FuzzClock(f *testing.F) {
	f.Add(int64(0), uint16(20), false, uint32(3600), uint32(7200), uint32(90000), uint32(400000), uint8(0))
	f.Add(int64(31_000_000), uint16(4), true, uint32(100), uint32(1), uint32(0), uint32(0), uint8(2))
	f.Add(int64(-100_000), uint16(1), false, uint32(0), uint32(0), uint32(0), uint32(99999999), uint8(10))
	f.Fuzz(func(t *testing.T, startSec int64, budget uint16, hours bool, p1, l1, p2, l2 uint32, ext uint8) {
		cal := National()
		// Starts from mid-2022 to mid-2027, so clocks cross loaded and unloaded years.
		start := at("2025-01-01 00:00").Add(time.Duration(startSec%(80_000_000)) * time.Second)
		var clk Clock
		if hours {
			clk = ClockFromHours("cn", start, int(budget%200)+1)
		} else {
			clk = ClockFromDays("cn", start, int(budget%80)+1)
		}
		plain := clk
		for _, p := range [][2]uint32{{p1, l1}, {p2, l2}} {
			from := start.Add(time.Duration(p[0]%(200*86400)) * time.Second)
			clk.Pauses = append(clk.Pauses, Pause{From: from, To: from.Add(time.Duration(p[1]%(30*86400)) * time.Second), Reason: PauseSuspension})
		}
		base := mustDue(t, cal, plain)
		paused := mustDue(t, cal, clk)
		if paused.Before(base) {
			t.Fatalf("pauses shortened the limit: %v < %v", paused, base)
		}
		longer := plain
		longer.Budget.Days, longer.Budget.Hours = grow(plain.Budget.Days), grow(plain.Budget.Hours)
		if !mustDue(t, cal, longer).After(base) {
			t.Fatalf("a larger budget is not later")
		}
		if ext > 0 && !hours {
			extended := plain
			extended.Extensions = []Extension{{Days: int(ext)}}
			bigger := plain
			bigger.Budget.Days += int(ext)
			if !mustDue(t, cal, extended).Equal(mustDue(t, cal, bigger)) {
				t.Fatalf("an extension of %d days differs from a budget %d days larger", ext, ext)
			}
		}
		st, err := clk.State(cal, paused)
		if err != nil && !errors.Is(err, ErrYearNotLoaded) {
			t.Fatal(err)
		}
		if st.Late || st.Overdue != (Amount{}) || st.Remaining != (Amount{}) || st.Used != st.Budget {
			t.Fatalf("state at the due instant: %+v", st)
		}
	})
}

func grow(n int) int {
	if n == 0 {
		return 0
	}
	return n + 1
}

func mustDue(t *testing.T, cal *Calendar, clk Clock) time.Time {
	t.Helper()
	d, err := clk.Due(cal)
	if err != nil && !errors.Is(err, ErrYearNotLoaded) {
		t.Fatal(err)
	}
	return d
}
