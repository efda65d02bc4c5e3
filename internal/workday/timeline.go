package workday

import (
	"cmp"
	"math"
	"slices"
)

// A timeline measures a clock in counting units — working-day ordinals for
// day budgets, working seconds for hour budgets — from its start, with the
// paused stretches cut out.

const forever = math.MaxInt64

// interval is [a, b) in counting units; b is forever for an open pause.
type interval struct{ a, b int64 }

type timeline struct {
	start  int64
	pauses []interval // sorted, disjoint, none before start
}

// addPause records a pause, ignoring what lies before the start.
func (l *timeline) addPause(iv interval) {
	iv.a = max(iv.a, l.start)
	if iv.b > iv.a {
		l.pauses = append(l.pauses, iv)
	}
}

// merge sorts the pauses and joins those that overlap or touch.
func (l *timeline) merge() {
	if len(l.pauses) < 2 {
		return
	}
	slices.SortFunc(l.pauses, func(x, y interval) int { return cmp.Compare(x.a, y.a) })
	out := l.pauses[:1]
	for _, iv := range l.pauses[1:] {
		last := &out[len(out)-1]
		if iv.a <= last.b {
			last.b = max(last.b, iv.b)
			continue
		}
		out = append(out, iv)
	}
	l.pauses = out
}

// end returns the position at which budget units have been counted, or
// forever if an open pause stops the count first. Every pause that begins
// before the count is reached pushes it later by its whole length.
func (l *timeline) end(budget int64) int64 {
	p := l.start + budget
	for _, iv := range l.pauses {
		if iv.a >= p {
			break
		}
		if iv.b == forever {
			return forever
		}
		p += iv.b - iv.a
	}
	return p
}

// counted returns the unpaused units in [from, to), 0 if to <= from.
func (l *timeline) counted(from, to int64) int64 {
	if to <= from {
		return 0
	}
	n := to - from
	for _, iv := range l.pauses {
		if lo, hi := max(iv.a, from), min(iv.b, to); hi > lo {
			n -= hi - lo
		}
	}
	return n
}
