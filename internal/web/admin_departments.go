package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

func (s *Server) adminDepartments(w http.ResponseWriter, r *http.Request, u org.User) {
	s.orgPage(w, r, u, "admin_departments", s.newView(r), http.StatusOK)
}

func (s *Server) adminDepartmentCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	keepForm(r, v, "code", "name", "name_en", "region")
	if u.Role != org.RoleSysAdmin {
		s.forbidden(w, r)
		return
	}
	if !s.mayManageRegion(r, u, v.Value("region")) {
		v.Errors["region"] = "org.region.outside"
		s.orgPage(w, r, u, "admin_departments", v, http.StatusUnprocessableEntity)
		return
	}
	_, err := s.cfg.Org.CreateDepartment(r.Context(), u.Username, org.Department{
		Code: v.Value("code"), Name: v.Value("name"), NameEn: v.Value("name_en"), RegionCode: v.Value("region"),
	})
	s.orgChangeResult(w, r, u, "departments", v, err, "admin.saved")
}
