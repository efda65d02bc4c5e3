package web

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

var userFields = []string{"username", "display_name", "role", "department", "region", "mobile", "email", "kind", "id_number", "credit_code"}

func (s *Server) adminUserNew(w http.ResponseWriter, r *http.Request, u org.User) {
	s.userForm(w, r, u, s.newView(r), http.StatusOK)
}

func (s *Server) userForm(w http.ResponseWriter, r *http.Request, u org.User, v *view, status int) {
	if !auth.CanOpenAdmin(u) {
		s.forbidden(w, r)
		return
	}
	d, err := s.userFormData(r, u)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v.Data = d
	s.render(w, r, status, "admin_user_new", v)
}

func (s *Server) adminUserCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	keepForm(r, v, userFields...)
	if !auth.CanOpenAdmin(u) {
		s.forbidden(w, r)
		return
	}
	role := org.Role(v.Value("role"))
	if !s.mayAssign(r, u, role, formInt(v, "department"), v.Value("region")) {
		v.Errors["role"] = "admin.user.not_assignable"
		s.userForm(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	password := auth.RandomPassword(16)
	created, err := s.cfg.Org.CreateUser(r.Context(), u.Username, org.User{
		Username: v.Value("username"), DisplayName: v.Value("display_name"), Role: role,
		DepartmentID: formInt(v, "department"), RegionCode: v.Value("region"),
		Mobile: v.Value("mobile"), Email: v.Value("email"), ApplicantKind: org.ApplicantKind(v.Value("kind")),
		IDNumber: v.Value("id_number"), CreditCode: v.Value("credit_code"), MustChange: true,
	}, auth.HashPassword(password))
	var inv *org.InvalidError
	if errors.As(err, &inv) {
		v.Errors[inv.Field] = inv.Key
		s.userForm(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	v.Data = usersPageData{Target: created, Password: password}
	s.render(w, r, http.StatusOK, "admin_user_password", v)
}
