package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

func (s *Server) adminRegions(w http.ResponseWriter, r *http.Request, u org.User) {
	s.orgPage(w, r, u, "admin_regions", s.newView(r), http.StatusOK)
}

func (s *Server) adminRegionCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	keepForm(r, v, "code", "name", "name_en", "level", "parent")
	if u.Role != org.RoleSysAdmin {
		s.forbidden(w, r)
		return
	}
	if !s.mayManageRegion(r, u, v.Value("parent")) {
		v.Errors["parent"] = "org.region.parent_outside"
		s.orgPage(w, r, u, "admin_regions", v, http.StatusUnprocessableEntity)
		return
	}
	_, err := s.cfg.Org.CreateRegion(r.Context(), u.Username, org.Region{
		Code: v.Value("code"), Name: v.Value("name"), NameEn: v.Value("name_en"),
		Level: org.Level(v.Value("level")), ParentCode: v.Value("parent"),
	})
	s.orgChangeResult(w, r, u, "regions", v, err, "admin.saved")
}
