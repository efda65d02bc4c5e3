package workday

import (
	"fmt"
	"strings"
	"time"
)

// Span is one stretch of the working day, [From, To) as offsets from local
// midnight, e.g. 09:00–12:00 is Span{9 * time.Hour, 12 * time.Hour}.
type Span struct {
	From time.Duration
	To   time.Duration
}

// DefaultWorkHours returns the usual office hours of a service centre:
// 09:00–12:00 and 13:30–17:30, seven hours in all.
func DefaultWorkHours() []Span {
	return []Span{
		{9 * time.Hour, 12 * time.Hour},
		{13*time.Hour + 30*time.Minute, 17*time.Hour + 30*time.Minute},
	}
}

// ParseSpan parses "HH:MM-HH:MM" (seconds optional: "HH:MM:SS").
func ParseSpan(s string) (Span, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return Span{}, fmt.Errorf("workday: %q is not a span of hours like 09:00-12:00", s)
	}
	f, err := parseTimeOfDay(from)
	if err != nil {
		return Span{}, err
	}
	t, err := parseTimeOfDay(to)
	if err != nil {
		return Span{}, err
	}
	sp := Span{f, t}
	if sp.From >= sp.To {
		return Span{}, fmt.Errorf("workday: span %q ends before it starts", s)
	}
	return sp, nil
}

func parseTimeOfDay(s string) (time.Duration, error) {
	bad := fmt.Errorf("workday: %q is not a time of day like 09:00 or 17:30", s)
	if len(s) != 5 && len(s) != 8 {
		return 0, bad
	}
	h, okH := digits(s[0:2])
	m, okM := digits(s[3:5])
	sec, okS := 0, true
	if len(s) == 8 {
		if s[5] != ':' {
			return 0, bad
		}
		sec, okS = digits(s[6:8])
	}
	if s[2] != ':' || !okH || !okM || !okS || m > 59 || sec > 59 || h > 24 || (h == 24 && m+sec > 0) {
		return 0, bad
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second, nil
}

// String formats s as HH:MM-HH:MM.
func (s Span) String() string { return formatTimeOfDay(s.From) + "-" + formatTimeOfDay(s.To) }

func formatTimeOfDay(d time.Duration) string {
	secs := int(d / time.Second)
	h, m, sec := secs/3600, secs/60%60, secs%60
	if sec != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// validateSpans checks that spans are whole seconds inside one day, in order
// and not overlapping.
func validateSpans(spans []Span) error {
	prev := time.Duration(-1)
	for _, s := range spans {
		switch {
		case s.From%time.Second != 0 || s.To%time.Second != 0:
			return fmt.Errorf("workday: working hours %v are not whole seconds", s)
		case s.From < 0 || s.To > 24*time.Hour || s.From >= s.To:
			return fmt.Errorf("workday: working hours %v are not a span within one day", s)
		case s.From < prev:
			return fmt.Errorf("workday: working hours %v overlap or are out of order", s)
		}
		prev = s.To
	}
	return nil
}
