package web

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

// usersPageData lists the users an administrator may see, and what the
// create and edit forms offer.
type usersPageData struct {
	Users       []org.User
	Target      org.User
	Roles       []org.Role
	Departments []org.Department
	Regions     []org.Region
	Password    string // a new password, shown once
}

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request, u org.User) {
	if !auth.CanOpenAdmin(u) {
		s.forbidden(w, r)
		return
	}
	f := org.UserFilter{Scope: u.Scope, Role: org.Role(r.URL.Query().Get("role"))}
	if u.Role == org.RoleDeptAdmin {
		f = org.UserFilter{DepartmentID: u.DepartmentID}
	}
	users, err := s.cfg.Org.Users(r.Context(), f)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := s.newView(r)
	v.Data = usersPageData{Users: users, Roles: auth.AssignableRoles(u)}
	s.render(w, r, http.StatusOK, "admin_users", v)
}

// userFormData fills the choices of the create and edit forms.
func (s *Server) userFormData(r *http.Request, u org.User) (usersPageData, error) {
	reach, err := auth.ReachOf(r.Context(), s.cfg.Org, u)
	return usersPageData{Roles: auth.AssignableRoles(u), Departments: reach.Departments, Regions: reach.Regions}, err
}

// targetUser loads the user named in the URL, answering not-found for a
// user the administrator may not administer.
func (s *Server) targetUser(w http.ResponseWriter, r *http.Request, admin org.User) (org.User, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return org.User{}, false
	}
	t, err := s.cfg.Org.User(r.Context(), id)
	if err != nil || !auth.CanAdministerUser(admin, t) {
		s.notFound(w, r)
		return org.User{}, false
	}
	return t, true
}

// mayAssign checks role, department and region from a form against what
// the administrator may give.
func (s *Server) mayAssign(r *http.Request, admin org.User, role org.Role, deptID int64, regionCode string) bool {
	var dept org.Department
	var deptRegion, region org.Region
	if role.IsStaff() {
		d, err := s.cfg.Org.Department(r.Context(), deptID)
		if err != nil {
			return false
		}
		dept = d
		if deptRegion, err = s.cfg.Org.Region(r.Context(), d.RegionCode); err != nil {
			return false
		}
	} else if role != org.RoleApplicant {
		reg, err := s.cfg.Org.Region(r.Context(), regionCode)
		if err != nil {
			return false
		}
		region = reg
	}
	return auth.CanAssign(admin, role, dept, deptRegion, region)
}

func formInt(v *view, field string) int64 {
	n, _ := strconv.ParseInt(v.Value(field), 10, 64)
	return n
}
