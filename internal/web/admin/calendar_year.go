package admin

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
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
func (h *Handler) loadCalendar(w http.ResponseWriter, r *http.Request, u org.User) (deadline.Entry, *workday.Calendar, bool, bool) {
	if !auth.CanViewCalendars(u) {
		h.pages.Forbidden(w, r)
		return deadline.Entry{}, nil, false, false
	}
	e, err := h.deadlines.Entry(r.Context(), r.PathValue("name"))
	if err != nil {
		h.pages.NotFound(w, r)
		return e, nil, false, false
	}
	cal, err := h.deadlines.Calendar(r.Context(), e.Name)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return e, nil, false, false
	}
	path := ""
	if e.RegionCode != "" {
		reg, err := h.org.Region(r.Context(), e.RegionCode)
		if err != nil {
			h.pages.InternalError(w, r, err)
			return e, nil, false, false
		}
		path = reg.Path
	}
	return e, cal, auth.CanEditCalendar(u, path), true
}

func (h *Handler) calendarYear(w http.ResponseWriter, r *http.Request, u org.User) {
	h.calendarYearPage(w, r, u, h.pages.NewView(r), http.StatusOK)
}

func (h *Handler) calendarYearPage(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, status int) {
	e, cal, canEdit, ok := h.loadCalendar(w, r, u)
	if !ok {
		return
	}
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 1900 || year > 2199 {
		year = workday.DateOf(h.now().In(cal.Location())).Year
	}
	if y, err := strconv.Atoi(v.Value("year")); err == nil && y >= 1900 && y <= 2199 {
		year = y
	}
	v.Data = calendarYearPage{
		Entry: e, Year: year, Loaded: cal.Covers(workday.Date{Year: year, Month: 6, Day: 1}),
		Months: monthGrid(cal, year), CanEdit: canEdit, Previous: year - 1, Next: year + 1,
	}
	h.pages.Render(w, r, status, h.tmpl.calendarYear, v)
}
