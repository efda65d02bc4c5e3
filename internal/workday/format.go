package workday

import (
	"fmt"
	"slices"
	"strings"
)

// FormatSpecText writes s in the text format ParseSpecText reads, dates in
// order with consecutive days of the same kind and label joined into ranges.
// ParseSpecText(FormatSpecText(s)) equals s for any s that ParseSpecText
// produced; names and labels are written on one line.
func FormatSpecText(s Spec) string {
	s = s.normalized()
	var b strings.Builder
	b.WriteString("# Working-day calendar: YYYY-MM-DD[..YYYY-MM-DD] off|work label; see package workday.\n")
	directive(&b, "name", s.Name)
	directive(&b, "parent", s.Parent)
	if s.Location != nil {
		directive(&b, "zone", s.Location.String())
	}
	if len(s.WorkHours) > 0 {
		hours := make([]string, len(s.WorkHours))
		for i, sp := range s.WorkHours {
			hours[i] = sp.String()
		}
		directive(&b, "hours", strings.Join(hours, " "))
	}
	for _, y := range s.Years {
		fmt.Fprintf(&b, "year %d\n", y)
	}
	for _, r := range runs(s) {
		b.WriteString(r.from.String())
		if r.to != r.from {
			b.WriteString("..")
			b.WriteString(r.to.String())
		}
		b.WriteString(" " + r.kind)
		if r.label != "" {
			b.WriteString(" " + r.label)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func directive(b *strings.Builder, key, value string) {
	if value = oneLine(value); value != "" {
		fmt.Fprintf(b, "%s %s\n", key, value)
	}
}

func oneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\n", " ", "\r", " ").Replace(s))
}

// run is a stretch of consecutive days with the same kind and label.
type run struct {
	from, to    Date
	kind, label string
}

func runs(s Spec) []run {
	var days []run
	for _, d := range s.Holidays {
		days = append(days, run{d, d, "off", oneLine(s.Names[d])})
	}
	for _, d := range s.MakeupDays {
		days = append(days, run{d, d, "work", oneLine(s.Names[d])})
	}
	slices.SortFunc(days, func(a, b run) int { return a.from.Compare(b.from) })
	var out []run
	for _, d := range days {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.kind == d.kind && last.label == d.label &&
				last.to.AddDays(1) == d.from && last.from.DaysUntil(d.from) < maxRange {
				last.to = d.from
				continue
			}
		}
		out = append(out, d)
	}
	return out
}
