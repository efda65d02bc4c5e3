package web

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
	makeup := map[workday.Date]bool{}
	for _, d := range cal.Spec().MakeupDays {
		makeup[d] = true
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
			week = append(week, calendarDay{Date: d, Day: d.Day, Kind: dayKind(cal, d, makeup), Label: cal.Label(d)})
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

func dayKind(cal *workday.Calendar, d workday.Date, makeup map[workday.Date]bool) string {
	weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
	switch {
	case makeup[d]:
		return "makeup"
	case cal.IsWorkday(d):
		return "work"
	case weekend:
		return "weekend"
	default:
		return "holiday"
	}
}
