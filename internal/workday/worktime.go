package workday

import "time"

// Working time is measured on a single axis: the position of an instant is the
// number of working seconds before it, W(day)*perDay plus the working seconds
// already elapsed that day. Working time between two instants is the difference
// of their positions, and position p falls in working day floor(p/perDay).

// pos returns the working-time position of t, to the second.
func (c *Calendar) pos(t time.Time) int64 {
	lt := t.In(c.loc)
	y, m, d := lt.Date()
	n := Date{y, m, d}.days()
	base := int64(c.tab.count(n)) * c.perDay
	if !c.tab.isWork(n) {
		return base
	}
	hh, mm, ss := lt.Clock()
	return base + c.elapsed(int64(hh*3600+mm*60+ss))
}

// elapsed returns the working seconds of a working day before second s.
func (c *Calendar) elapsed(s int64) int64 {
	var e int64
	for i, from := range c.spanFrom {
		e += min(max(s-from, 0), c.spanTo[i]-from)
	}
	return e
}

// instant returns the earliest instant whose position is p; p > 0 inside a
// day, so the end of a span is preferred to the start of the next one.
func (c *Calendar) instant(p int64) time.Time {
	k := floorDiv64(p-1, c.perDay)
	r := p - k*c.perDay // in (0, perDay]
	d := dateFromDays(c.tab.nth(int(k)))
	for i, from := range c.spanFrom {
		if length := c.spanTo[i] - from; r <= length {
			return time.Date(d.Year, d.Month, d.Day, 0, 0, int(from+r), 0, c.loc)
		} else {
			r -= length
		}
	}
	panic("workday: position beyond the working day") // unreachable: r <= perDay
}

// WorkingTime returns the working time between two instants, negative if to
// is before from.
func (c *Calendar) WorkingTime(from, to time.Time) time.Duration {
	return time.Duration(c.pos(to)-c.pos(from)) * time.Second
}

// AddWorkingTime returns the earliest instant at which d of working time has
// passed since t, to the second. A result at the end of a span is that end,
// e.g. 12:00, not the next opening. AddWorkingTime(t, 0) is t.
func (c *Calendar) AddWorkingTime(t time.Time, d time.Duration) time.Time {
	if d/time.Second == 0 {
		return t
	}
	return c.instant(c.pos(t) + int64(d/time.Second))
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv64(a, b int64) int64 { return -floorDiv64(-a, b) }
