package workday

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var shanghai = DefaultLocation()

// day parses a YYYY-MM-DD literal in a test.
func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// at returns the instant "YYYY-MM-DD HH:MM" in Beijing time.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// closeOf is 17:30 Beijing time on date s, in UTC: the default close of business.
func closeOf(s string) time.Time { return at(s + " 17:30").UTC() }

// reference is a deliberately naive calendar: a loop over days, checked
// against the precomputed tables.
type reference struct{ off, work map[Date]bool }

func newReference(s Spec) reference {
	r := reference{map[Date]bool{}, map[Date]bool{}}
	for _, d := range s.Holidays {
		r.off[d] = true
	}
	for _, d := range s.MakeupDays {
		r.work[d] = true
	}
	return r
}

func (r reference) isWork(d Date) bool {
	if r.work[d] {
		return true
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !r.off[d]
}

func (r reference) count(from, to Date) int {
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if r.isWork(d) {
			n++
		}
	}
	return sign * n
}

func (r reference) add(d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if r.isWork(d) {
			n--
		}
	}
	return d
}

var specOpts = cmp.Options{
	cmp.Comparer(func(a, b *time.Location) bool {
		if a == nil || b == nil {
			return a == b
		}
		return a.String() == b.String()
	}),
}

func mustNew(t testing.TB, s Spec) *Calendar {
	t.Helper()
	c, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
