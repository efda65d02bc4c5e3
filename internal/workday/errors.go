package workday

import (
	"errors"
	"fmt"
)

var (
	// ErrYearNotLoaded is wrapped by the error a query returns when it needed
	// a year the calendar holds no schedule for. The result returned with it is
	// still computed (by the Monday-to-Friday rule for that year) and usable;
	// the error is a warning for administrators to load the year.
	ErrYearNotLoaded = errors.New("workday: year not loaded")
	// ErrPaused is returned by Clock.Due while a pause is open: a stopped clock
	// has no due instant.
	ErrPaused = errors.New("workday: clock is paused")
	// ErrInvalidClock is wrapped by every error about a malformed Clock.
	ErrInvalidClock = errors.New("workday: invalid clock")
	// ErrWrongCalendar is returned when a clock is evaluated on a calendar
	// other than the one it names.
	ErrWrongCalendar = errors.New("workday: clock evaluated on the wrong calendar")
)

// YearNotLoadedError names the year a query needed but the calendar lacks.
type YearNotLoadedError struct {
	Calendar string
	Year     int
}

func (e *YearNotLoadedError) Error() string {
	return fmt.Sprintf("workday: calendar %s has no holiday schedule for %d", e.Calendar, e.Year)
}

// Unwrap lets errors.Is(err, ErrYearNotLoaded) match.
func (e *YearNotLoadedError) Unwrap() error { return ErrYearNotLoaded }

// ParseError is a mistake in calendar text, at a line counted from 1.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }
