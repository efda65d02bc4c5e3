package web

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/workday"
)

type calendarYearPage struct {
	Entry    deadline.Entry
	Year     int
	Loaded   bool
	Months   []calendarMonth
	CanEdit  bool
	Previous int
	Next     int
}

// loadCalendar finds the calendar named in the URL and whether u may edit
// it; it answers the request itself when u may not see it.
func (s *Server) loadCalendar(w http.ResponseWriter, r *http.Request, u org.User) (deadline.Entry, *workday.Calendar, bool, bool) {
	if !auth.CanViewCalendars(u) {
		s.forbidden(w, r)
		return deadline.Entry{}, nil, false, false
	}
	e, err := s.cfg.Deadlines.Entry(r.Context(), r.PathValue("name"))
	if err != nil {
		s.notFound(w, r)
		return e, nil, false, false
	}
	cal, err := s.cfg.Deadlines.Calendar(r.Context(), e.Name)
	if err != nil {
		s.internalError(w, r, err)
		return e, nil, false, false
	}
	path := ""
	if e.RegionCode != "" {
		reg, err := s.cfg.Org.Region(r.Context(), e.RegionCode)
		if err != nil {
			s.internalError(w, r, err)
			return e, nil, false, false
		}
		path = reg.Path
	}
	return e, cal, auth.CanEditCalendar(u, path), true
}

func (s *Server) calendarYear(w http.ResponseWriter, r *http.Request, u org.User) {
	s.calendarYearPage(w, r, u, s.newView(r), http.StatusOK)
}

func (s *Server) calendarYearPage(w http.ResponseWriter, r *http.Request, u org.User, v *view, status int) {
	e, cal, canEdit, ok := s.loadCalendar(w, r, u)
	if !ok {
		return
	}
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 1900 || year > 2199 {
		year = workday.DateOf(s.cfg.Now().In(cal.Location())).Year
	}
	if y, err := strconv.Atoi(v.Value("year")); err == nil && y >= 1900 && y <= 2199 {
		year = y
	}
	v.Data = calendarYearPage{
		Entry: e, Year: year, Loaded: cal.Covers(workday.Date{Year: year, Month: 6, Day: 1}),
		Months: monthGrid(cal, year), CanEdit: canEdit, Previous: year - 1, Next: year + 1,
	}
	s.render(w, r, status, "calendar_year", v)
}

// calendarExport downloads the calendar's own entries in the import format.
func (s *Server) calendarExport(w http.ResponseWriter, r *http.Request, u org.User) {
	e, _, _, ok := s.loadCalendar(w, r, u)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="calendar-`+e.Name+`.txt"`)
	w.Write([]byte(workday.FormatSpecText(e.Local)))
}
