package web

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
)

// calendarRow is a calendar as the list shows it.
type calendarRow struct {
	deadline.Entry
	RegionName string
	Years      []int
	CanEdit    bool
}

type calendarsPage struct {
	Calendars []calendarRow
	Missing   []deadline.Missing
	Regions   []org.Region
}

func (s *Server) calendars(w http.ResponseWriter, r *http.Request, u org.User) {
	s.calendarsPage(w, r, u, s.newView(r), http.StatusOK)
}

func (s *Server) calendarsPage(w http.ResponseWriter, r *http.Request, u org.User, v *view, status int) {
	if !auth.CanViewCalendars(u) {
		s.forbidden(w, r)
		return
	}
	ctx := r.Context()
	entries, err := s.cfg.Deadlines.Entries(ctx)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	var d calendarsPage
	for _, e := range entries {
		row := calendarRow{Entry: e, Years: e.Local.Years}
		path := ""
		if e.RegionCode != "" {
			reg, err := s.cfg.Org.Region(ctx, e.RegionCode)
			if err != nil {
				s.internalError(w, r, err)
				return
			}
			row.RegionName, path = reg.Name, reg.Path
		}
		row.CanEdit = auth.CanEditCalendar(u, path)
		if cal, err := s.cfg.Deadlines.Calendar(ctx, e.Name); err == nil {
			row.Years = cal.Years()
		}
		d.Calendars = append(d.Calendars, row)
	}
	if d.Missing, err = s.cfg.Deadlines.MissingYears(ctx); err != nil {
		s.internalError(w, r, err)
		return
	}
	if u.Role == org.RoleSysAdmin {
		if d.Regions, err = s.cfg.Org.Regions(ctx, u.RegionCode); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	v.Data = d
	s.render(w, r, status, "calendars", v)
}

// calendarCreate adds a regional calendar derived from another.
func (s *Server) calendarCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	keepForm(r, v, "name", "parent", "region")
	reg, err := s.cfg.Org.Region(r.Context(), v.Value("region"))
	if err != nil || !auth.CanEditCalendar(u, reg.Path) {
		if u.Role != org.RoleSysAdmin {
			s.forbidden(w, r)
			return
		}
		v.Errors["region"] = "org.region.outside"
		s.calendarsPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	err = s.cfg.Deadlines.Create(r.Context(), u.Username, v.Value("name"), v.Value("parent"), reg.Code)
	var inv *deadline.InvalidError
	if errors.As(err, &inv) {
		v.Errors[inv.Field] = inv.Key
		s.calendarsPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.redirect(w, r, "/admin/calendars/"+v.Value("name"), "admin.saved")
}
