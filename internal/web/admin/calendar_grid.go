package admin

import (
	"time"

	"github.com/shenpi/shenpi/internal/workday"
)

// calendarDay is one cell of the month grid.
type calendarDay struct {
	Date  workday.Date
	Day   int
	Kind  string // work, weekend, holiday, makeup; "" for padding
	Label string
}

// calendarMonth is one month laid out in weeks from Monday.
type calendarMonth struct {
	Month time.Month
	Weeks [][]calendarDay
}

// monthGrid lays out a year of a calendar as twelve month grids.
func monthGrid(cal *workday.Calendar, year int) []calendarMonth {
	spec := cal.Spec()
	marked := map[workday.Date]string{}
	for _, d := range spec.MakeupDays {
		marked[d] = "makeup"
	}
	for _, d := range spec.Holidays {
		marked[d] = "holiday" // also on a weekend: it is part of the holiday
	}
	var months []calendarMonth
	for m := time.January; m <= time.December; m++ {
		first := workday.Date{Year: year, Month: m, Day: 1}
		var week []calendarDay
		for pad := (int(first.Weekday()) + 6) % 7; pad > 0; pad-- {
			week = append(week, calendarDay{})
		}
		month := calendarMonth{Month: m}
		for d := first; d.Month == m; d = d.AddDays(1) {
			week = append(week, calendarDay{Date: d, Day: d.Day, Kind: dayKind(cal, d, marked), Label: cal.Label(d)})
			if len(week) == 7 {
				month.Weeks = append(month.Weeks, week)
				week = nil
			}
		}
		if len(week) > 0 {
			for len(week) < 7 {
				week = append(week, calendarDay{})
			}
			month.Weeks = append(month.Weeks, week)
		}
		months = append(months, month)
	}
	return months
}

// dayKind is how a day is shown: as the calendar marks it (holiday or
// make-up day), else by the rule.
func dayKind(cal *workday.Calendar, d workday.Date, marked map[workday.Date]string) string {
	switch {
	case marked[d] != "":
		return marked[d]
	case cal.IsWorkday(d):
		return "work"
	default:
		return "weekend"
	}
}
