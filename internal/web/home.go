package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
)

// homeData is what a role's home page lists.
type homeData struct {
	Regions   []org.Region
	Admin     bool
	Calendars bool
	Items     bool
	Processes bool
	Delegate  bool
	// Missing warns administrators of calendar years running deadlines need.
	Missing []deadline.Missing
}

// home shows the public portal, or the home of the logged-in user's role.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	v := s.newView(r)
	if v.User == nil {
		s.portal.Home(w, r) // the public face: search and browse the catalog
		return
	}
	u := *v.User
	d := homeData{Admin: auth.CanOpenAdmin(u), Calendars: auth.CanViewCalendars(u), Items: auth.CanOpenCatalogAdmin(u),
		Processes: auth.CanOpenProcesses(u), Delegate: auth.CanDelegate(u)}
	if u.Role == org.RoleSysAdmin {
		missing, err := s.cfg.Deadlines.MissingYears(r.Context())
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		d.Missing = missing
	}
	if u.Role == org.RoleSupervisor || u.Role == org.RoleSysAdmin {
		regions, err := s.cfg.Org.Regions(r.Context(), u.RegionCode)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		d.Regions = regions
	}
	v.Data = d
	s.pages.Render(w, r, http.StatusOK, s.tmpl.home, v)
}
