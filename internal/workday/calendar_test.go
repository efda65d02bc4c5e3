package workday

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestNationalData(t *testing.T) {
	cal := National()
	if cal.Name() != "cn" || !slices.Equal(cal.Years(), []int{2025, 2026}) {
		t.Fatalf("name %q years %v", cal.Name(), cal.Years())
	}
	s := cal.Spec()
	for _, d := range s.MakeupDays {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			t.Errorf("make-up day %v is a %v", d, wd)
		}
	}
	// 365 days - 104 weekend days - 13 statutory holidays = 248 in both years
	// (counted by hand from the notices: 261 weekdays - 18 or 19 weekday
	// holidays + 5 or 6 make-up days).
	for _, tc := range []struct {
		year                    int
		weekdaysOff, makeup, wd int
	}{{2025, 18, 5, 248}, {2026, 19, 6, 248}} {
		first, last := Date{tc.year, 1, 1}, Date{tc.year, 12, 31}
		if got := cal.CountWorkdays(first.AddDays(-1), last); got != tc.wd {
			t.Errorf("%d has %d working days, want %d", tc.year, got, tc.wd)
		}
	}
	if got := cal.Label(day("2026-02-17")); got != "春节" {
		t.Errorf("label of 2026-02-17 = %q", got)
	}
}

func TestIsWorkday(t *testing.T) {
	cal := National()
	for s, want := range map[string]bool{
		"2026-01-01": false, // 元旦, Thursday
		"2026-01-04": true,  // Sunday worked for 元旦
		"2026-02-14": true,  // Saturday worked for 春节
		"2026-02-23": false, // Monday, last day of the 9-day 春节
		"2026-02-24": true,
		"2026-02-28": true,  // Saturday worked for 春节
		"2026-03-01": false, // ordinary Sunday
		"2025-10-08": false, // Wednesday, 国庆+中秋
		"2025-10-11": true,  // Saturday worked
		"2027-01-01": true,  // Friday, year not loaded: Monday-to-Friday rule
		"1999-10-01": true,  // far outside the tables, same rule
	} {
		if got := cal.IsWorkday(day(s)); got != want {
			t.Errorf("IsWorkday(%s) = %v, want %v", s, got, want)
		}
	}
	if !cal.Covers(day("2026-12-31")) || cal.Covers(day("2027-01-01")) || cal.Covers(day("2024-12-31")) {
		t.Error("Covers should hold exactly for 2025 and 2026")
	}
}

// The examples a clerk can check with a wall calendar and `workday count`:
// CountWorkdays(from, to) counts working days after from, up to and
// including to.
func TestCountWorkdays(t *testing.T) {
	cal := National()
	for _, tc := range []struct {
		from, to string
		want     int
		why      string
	}{
		{"2026-02-13", "2026-02-24", 2, "Sat 14 (make-up) and Tue 24; 15–23 are 春节"},
		{"2026-02-13", "2026-03-02", 7, "14, 24, 25, 26, 27, Sat 28 (make-up), Mon Mar 2"},
		{"2026-03-02", "2026-02-13", -7, "reversed order negates"},
		{"2026-02-14", "2026-02-14", 0, "an empty interval"},
		{"2025-12-31", "2026-01-05", 2, "Jan 1–3 off, Sun 4 (make-up), Mon 5"},
		{"2025-09-26", "2025-10-12", 6, "Sun 28 (make-up), Mon 29, Tue 30, Thu 9, Fri 10, Sat 11 (make-up)"},
		{"2025-09-30", "2025-10-08", 0, "国庆+中秋 Oct 1–8 off"},
		{"2025-09-30", "2025-10-11", 3, "Thu 9, Fri 10, Sat 11 (make-up)"},
		{"2026-09-18", "2026-10-09", 10, "see TestDueDays: National Day 2026"},
		{"2026-12-31", "2027-01-08", 6, "2027 not loaded: Mon–Fri rule, Jan 1 (Fri) counts"},
	} {
		if got := cal.CountWorkdays(day(tc.from), day(tc.to)); got != tc.want {
			t.Errorf("CountWorkdays(%s, %s) = %d, want %d (%s)", tc.from, tc.to, got, tc.want, tc.why)
		}
	}
}

func TestAddWorkdays(t *testing.T) {
	cal := National()
	for _, tc := range []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2026-02-13", 1, "2026-02-14", "Saturday make-up day"},
		{"2026-02-14", 1, "2026-02-24", "春节 Feb 15–23 skipped"},
		{"2026-02-09", 20, "2026-03-13", "see TestDueDays"},
		{"2026-01-01", 1, "2026-01-04", "a Sunday, worked for 元旦"},
		{"2026-02-24", -1, "2026-02-14", "backwards over 春节"},
		{"2026-02-24", -2, "2026-02-13", ""},
		{"2026-02-22", -1, "2026-02-14", "a holiday: the working day before it"},
		{"2026-03-01", -1, "2026-02-28", "a Sunday: the make-up Saturday before it"},
		{"2026-02-15", 0, "2026-02-15", "zero days is the same day, even a holiday"},
		{"2030-01-04", 1, "2030-01-07", "Friday to Monday outside the tables"},
		{"1990-01-01", -1, "1989-12-29", "Monday back to Friday, far outside"},
	} {
		if got := cal.AddWorkdays(day(tc.from), tc.n); got != day(tc.want) {
			t.Errorf("AddWorkdays(%s, %d) = %v, want %s (%s)", tc.from, tc.n, got, tc.want, tc.why)
		}
	}
}

// The precomputed tables agree with a naive loop everywhere: inside the
// loaded years, in the ±2 margin, and beyond it.
func TestTablesMatchReference(t *testing.T) {
	cal := National()
	ref := newReference(cal.Spec())
	start := day("2018-01-01")
	for i := 0; i < 5000; i += 3 {
		d := start.AddDays(i)
		if cal.IsWorkday(d) != ref.isWork(d) {
			t.Fatalf("IsWorkday(%v) disagrees", d)
		}
		for _, n := range []int{-400, -23, -1, 1, 5, 20, 45, 300} {
			want := ref.add(d, n)
			if got := cal.AddWorkdays(d, n); got != want {
				t.Fatalf("AddWorkdays(%v, %d) = %v, want %v", d, n, got, want)
			}
			if got := cal.CountWorkdays(d, want); n > 0 && got != n {
				t.Fatalf("CountWorkdays(%v, %v) = %d, want %d", d, want, got, n)
			}
		}
		if e := d.AddDays(i%97 - 40); cal.CountWorkdays(d, e) != ref.count(d, e) {
			t.Fatalf("CountWorkdays(%v, %v) disagrees", d, e)
		}
	}
}

func TestCalendarWithoutYears(t *testing.T) {
	cal := mustNew(t, Spec{Name: "plain"})
	if len(cal.Years()) != 0 || cal.Covers(day("2026-01-01")) {
		t.Fatal("a calendar without entries loads no year")
	}
	if got := cal.AddWorkdays(day("2026-01-01"), 2); got != day("2026-01-05") {
		t.Errorf("AddWorkdays = %v", got)
	}
	if cal.Location().String() != "Asia/Shanghai" || len(cal.WorkHours()) != 2 {
		t.Errorf("defaults not applied: %v %v", cal.Location(), cal.WorkHours())
	}
}

func TestNewRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		spec Spec
	}{
		{"no name", Spec{}},
		{"both off and work", Spec{Name: "x", Holidays: []Date{day("2026-02-14")}, MakeupDays: []Date{day("2026-02-14")}}},
		{"invalid date", Spec{Name: "x", Holidays: []Date{{2026, 2, 30}}}},
		{"year out of range", Spec{Name: "x", Years: []int{1066}}},
		{"overlapping hours", Spec{Name: "x", WorkHours: []Span{{9 * time.Hour, 12 * time.Hour}, {11 * time.Hour, 13 * time.Hour}}}},
		{"label without entry", Spec{Name: "x", Names: map[Date]string{day("2026-01-01"): "元旦"}}},
	} {
		if _, err := New(tc.spec); err == nil {
			t.Errorf("%s: New succeeded", tc.name)
		}
	}
}

// A region's calendar overrides the national one date by date.
func TestDerive(t *testing.T) {
	local := Spec{
		Name:       "cn-650000",
		Holidays:   []Date{day("2026-03-11")}, // a local holiday
		MakeupDays: []Date{day("2026-02-23")}, // works the last day of 春节
		Names:      map[Date]string{day("2026-03-11"): "地方节日"},
	}
	s := Derive(NationalSpec(), local)
	if s.Name != "cn-650000" || s.Parent != "cn" || !slices.Equal(s.Years, []int{2025, 2026}) {
		t.Fatalf("derived %q from %q, years %v", s.Name, s.Parent, s.Years)
	}
	cal := mustNew(t, s)
	if cal.IsWorkday(day("2026-03-11")) || !cal.IsWorkday(day("2026-02-23")) || cal.IsWorkday(day("2026-02-22")) {
		t.Error("local entries must override the national ones")
	}
	if cal.Label(day("2026-02-23")) != "" || cal.Label(day("2026-03-11")) != "地方节日" {
		t.Error("labels must follow the overriding entry")
	}
	if cal.Location().String() != "Asia/Shanghai" {
		t.Error("zone is inherited")
	}
}

func TestCoverageError(t *testing.T) {
	err := National().coverage(day("2026-12-31"), day("2027-01-04"))
	var yerr *YearNotLoadedError
	if !errors.Is(err, ErrYearNotLoaded) || !errors.As(err, &yerr) || yerr.Year != 2027 {
		t.Fatalf("got %v", err)
	}
}
