package workday

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// Spec is the editable description of a calendar: what an administrator
// imports and the database stores. A Calendar is built from it with New.
type Spec struct {
	Name     string
	Parent   string // name of the calendar this one derives from; "" for none
	Years    []int  // years declared loaded even if they have no entries
	Holidays []Date // days off, including the weekend days inside a holiday
	// MakeupDays are weekend days that are worked (调休上班).
	MakeupDays []Date
	// Names labels entries for people, e.g. "春节"; optional.
	Names     map[Date]string
	WorkHours []Span         // empty means DefaultWorkHours
	Location  *time.Location // nil means DefaultLocation
}

// Supported years: wide enough for any case, narrow enough that the
// precomputed tables of a calendar stay small.
const (
	minYear = 1900
	maxYear = 2199
)

// Derive returns the spec of a region's calendar: the parent's schedule with
// the local spec's entries overriding it date by date (a local working day
// cancels a parent's holiday on that date and vice versa). Name comes from
// local, Parent is parent.Name; working hours and zone are local's if set.
func Derive(parent, local Spec) Spec {
	out := Spec{
		Name:      local.Name,
		Parent:    parent.Name,
		Years:     slices.Concat(parent.Years, local.Years),
		WorkHours: slices.Clone(parent.WorkHours),
		Location:  parent.Location,
	}
	if local.WorkHours != nil {
		out.WorkHours = slices.Clone(local.WorkHours)
	}
	if local.Location != nil {
		out.Location = local.Location
	}
	localDate := make(map[Date]bool)
	for _, d := range slices.Concat(local.Holidays, local.MakeupDays) {
		localDate[d] = true
	}
	keep := func(d Date) bool { return !localDate[d] }
	out.Holidays = slices.Concat(filter(parent.Holidays, keep), local.Holidays)
	out.MakeupDays = slices.Concat(filter(parent.MakeupDays, keep), local.MakeupDays)
	for d, n := range parent.Names {
		if keep(d) {
			out.setName(d, n)
		}
	}
	for d, n := range local.Names {
		out.setName(d, n)
	}
	return out.normalized()
}

func filter(ds []Date, keep func(Date) bool) []Date {
	var out []Date
	for _, d := range ds {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func (s *Spec) setName(d Date, name string) {
	if name == "" {
		return
	}
	if s.Names == nil {
		s.Names = make(map[Date]string)
	}
	s.Names[d] = name
}

// normalized returns a deep copy of s with dates and years sorted and
// de-duplicated and empty collections nil, so equal specs compare equal.
func (s Spec) normalized() Spec {
	out := s
	out.Years = sortedUnique(s.Years, func(a, b int) int { return a - b })
	out.Holidays = sortedUnique(s.Holidays, Date.Compare)
	out.MakeupDays = sortedUnique(s.MakeupDays, Date.Compare)
	out.WorkHours = slices.Clone(s.WorkHours)
	out.Names = nil
	for d, n := range s.Names {
		out.setName(d, n)
	}
	return out
}

func sortedUnique[T comparable](in []T, cmp func(a, b T) int) []T {
	if len(in) == 0 {
		return nil
	}
	out := slices.Clone(in)
	slices.SortFunc(out, cmp)
	return slices.Compact(out)
}

// loadedYears returns the declared years and the years of every entry, sorted.
func (s Spec) loadedYears() []int {
	years := slices.Clone(s.Years)
	for _, d := range slices.Concat(s.Holidays, s.MakeupDays) {
		years = append(years, d.Year)
	}
	return sortedUnique(years, func(a, b int) int { return a - b })
}

// validate reports the first thing that makes s unusable for a Calendar.
func (s Spec) validate() error {
	if s.Name == "" {
		return fmt.Errorf("workday: calendar has no name")
	}
	for _, y := range s.Years {
		if y < minYear || y > maxYear {
			return fmt.Errorf("workday: calendar %s: year %d is outside %d–%d", s.Name, y, minYear, maxYear)
		}
	}
	off := make(map[Date]bool, len(s.Holidays))
	for _, d := range s.Holidays {
		if err := checkEntryDate(s.Name, d); err != nil {
			return err
		}
		off[d] = true
	}
	work := make(map[Date]bool, len(s.MakeupDays))
	for _, d := range s.MakeupDays {
		if err := checkEntryDate(s.Name, d); err != nil {
			return err
		}
		work[d] = true
		if off[d] {
			return fmt.Errorf("workday: calendar %s: %v is both a holiday and a working day", s.Name, d)
		}
	}
	for d := range maps.Keys(s.Names) {
		if !off[d] && !work[d] {
			return fmt.Errorf("workday: calendar %s: %v has a name but is not an entry", s.Name, d)
		}
	}
	if err := validateSpans(s.WorkHours); err != nil {
		return fmt.Errorf("workday: calendar %s: %w", s.Name, err)
	}
	return nil
}

func checkEntryDate(name string, d Date) error {
	if !d.Valid() || d.Year < minYear || d.Year > maxYear {
		return fmt.Errorf("workday: calendar %s: %v is not a date between %d and %d", name, d, minYear, maxYear)
	}
	return nil
}
