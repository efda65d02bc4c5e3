package workday

import (
	"slices"
	"time"
)

// Calendar is an immutable, precomputed working-day calendar, safe for
// concurrent use. Build it with New; to change a calendar build a new one.
type Calendar struct {
	spec  Spec // normalized, defaults filled in
	loc   *time.Location
	years []int // loaded years, sorted
	tab   table

	// Working hours in seconds after midnight, and their total per day.
	spanFrom, spanTo []int64
	perDay           int64
}

// New validates s and precomputes its calendar over the loaded years ±2.
func New(s Spec) (*Calendar, error) {
	s = s.normalized()
	if len(s.WorkHours) == 0 {
		s.WorkHours = DefaultWorkHours()
	}
	if s.Location == nil {
		s.Location = DefaultLocation()
	}
	if err := s.validate(); err != nil {
		return nil, err
	}
	c := &Calendar{spec: s, loc: s.Location, years: s.loadedYears()}
	for _, sp := range s.WorkHours {
		c.spanFrom = append(c.spanFrom, int64(sp.From/time.Second))
		c.spanTo = append(c.spanTo, int64(sp.To/time.Second))
		c.perDay += int64((sp.To - sp.From) / time.Second)
	}
	lo, hi := tableRange(c.years)
	c.tab = newTable(lo, hi, s.overrides())
	return c, nil
}

// tableRange returns the day numbers [lo, hi) covering the loaded years ±2.
func tableRange(years []int) (lo, hi int) {
	if len(years) == 0 {
		n := Date{2000, 1, 1}.days()
		return n, n
	}
	lo = Date{years[0] - 2, 1, 1}.days()
	hi = Date{years[len(years)-1] + 3, 1, 1}.days()
	return lo, hi
}

func (s Spec) overrides() map[int]bool {
	m := make(map[int]bool, len(s.Holidays)+len(s.MakeupDays))
	for _, d := range s.Holidays {
		m[d.days()] = false
	}
	for _, d := range s.MakeupDays {
		m[d.days()] = true
	}
	return m
}

// Name returns the calendar's name, which clocks refer to.
func (c *Calendar) Name() string { return c.spec.Name }

// Location returns the time zone dates are taken in.
func (c *Calendar) Location() *time.Location { return c.loc }

// WorkHours returns the working hours of every working day.
func (c *Calendar) WorkHours() []Span { return slices.Clone(c.spec.WorkHours) }

// Spec returns a copy of the calendar's spec, sorted, with defaults filled in.
func (c *Calendar) Spec() Spec { return c.spec.normalized() }

// Years returns the years the calendar holds a schedule for, sorted.
func (c *Calendar) Years() []int { return slices.Clone(c.years) }

// Covers reports whether d falls in a year the calendar holds a schedule for.
func (c *Calendar) Covers(d Date) bool {
	_, ok := slices.BinarySearch(c.years, d.Year)
	return ok
}

// Label returns the label of d in the calendar ("春节"), or "".
func (c *Calendar) Label(d Date) string { return c.spec.Names[d] }

// DateOf returns the date of t in the calendar's time zone.
func (c *Calendar) DateOf(t time.Time) Date { return DateOf(t.In(c.loc)) }

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Date) bool { return c.tab.isWork(d.days()) }

// AddWorkdays returns the n-th working day after d, or for n < 0 the -n-th
// working day before d; AddWorkdays(d, 0) is d. For n >= 0,
// CountWorkdays(d, AddWorkdays(d, n)) == n. It is O(1) for any date; outside
// the loaded years it follows the Monday-to-Friday rule (see Covers).
func (c *Calendar) AddWorkdays(d Date, n int) Date {
	switch {
	case n > 0:
		return dateFromDays(c.tab.nth(c.tab.count(d.days()+1) + n - 1))
	case n < 0:
		return dateFromDays(c.tab.nth(c.tab.count(d.days()) + n))
	}
	return d
}

// CountWorkdays returns the number of working days w with from < w <= to,
// negated if to is before from. It is O(1) and additive:
// CountWorkdays(a, b) + CountWorkdays(b, c) == CountWorkdays(a, c).
func (c *Calendar) CountWorkdays(from, to Date) int {
	return c.tab.count(to.days()+1) - c.tab.count(from.days()+1)
}

// Close returns the end of the working day d (the end of its last span) as an
// instant, whether or not d is a working day.
func (c *Calendar) Close(d Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, int(c.spanTo[len(c.spanTo)-1]), 0, c.loc)
}

// coverage returns a YearNotLoadedError for the first year from from to to
// (inclusive, in either order) that the calendar lacks, or nil.
func (c *Calendar) coverage(from, to Date) error {
	a, b := from.Year, to.Year
	if a > b {
		a, b = b, a
	}
	for y := a; y <= b; y++ {
		if _, ok := slices.BinarySearch(c.years, y); !ok {
			return &YearNotLoadedError{Calendar: c.spec.Name, Year: y}
		}
	}
	return nil
}
