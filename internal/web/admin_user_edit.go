package web

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

func (s *Server) adminUserEdit(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := s.targetUser(w, r, u)
	if !ok {
		return
	}
	v := s.newView(r)
	v.Form.Set("role", string(t.Role))
	s.userEditPage(w, r, u, t, v, http.StatusOK)
}

func (s *Server) userEditPage(w http.ResponseWriter, r *http.Request, u, t org.User, v *view, status int) {
	d, err := s.userFormData(r, u)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	d.Target = t
	v.Data = d
	s.render(w, r, status, "admin_user_edit", v)
}

func (s *Server) adminUserRole(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := s.targetUser(w, r, u)
	if !ok {
		return
	}
	v := s.newView(r)
	keepForm(r, v, "role", "department", "region")
	role := org.Role(v.Value("role"))
	if !s.mayAssign(r, u, role, formInt(v, "department"), v.Value("region")) {
		v.Errors["role"] = "admin.user.not_assignable"
		s.userEditPage(w, r, u, t, v, http.StatusUnprocessableEntity)
		return
	}
	_, err := s.cfg.Org.SetRole(r.Context(), u.Username, t, role, formInt(v, "department"), v.Value("region"))
	var inv *org.InvalidError
	if errors.As(err, &inv) {
		v.Errors[inv.Field] = inv.Key
		s.userEditPage(w, r, u, t, v, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.redirect(w, r, r.URL.Path[:len(r.URL.Path)-len("/role")], "admin.saved")
}

func (s *Server) adminUserDisable(w http.ResponseWriter, r *http.Request, u org.User) {
	s.setDisabled(w, r, u, true)
}

func (s *Server) adminUserEnable(w http.ResponseWriter, r *http.Request, u org.User) {
	s.setDisabled(w, r, u, false)
}

func (s *Server) setDisabled(w http.ResponseWriter, r *http.Request, u org.User, disabled bool) {
	t, ok := s.targetUser(w, r, u)
	if !ok {
		return
	}
	if err := s.cfg.Org.SetDisabled(r.Context(), u.Username, t, disabled); err != nil {
		s.internalError(w, r, err)
		return
	}
	if disabled {
		if err := s.cfg.Auth.EndSessions(r.Context(), t); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	s.redirect(w, r, "/admin/users/"+r.PathValue("id"), "admin.saved")
}

// adminUserReset gives the user a new random password, shown once here;
// they must change it at their next login.
func (s *Server) adminUserReset(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := s.targetUser(w, r, u)
	if !ok {
		return
	}
	password := auth.RandomPassword(16)
	if err := s.cfg.Org.SetPassword(r.Context(), u.Username, t, auth.HashPassword(password), true); err != nil {
		s.internalError(w, r, err)
		return
	}
	if err := s.cfg.Auth.EndSessions(r.Context(), t); err != nil {
		s.internalError(w, r, err)
		return
	}
	v := s.newView(r)
	w.Header().Set("Cache-Control", "no-store")
	v.Data = usersPageData{Target: t, Password: password}
	s.render(w, r, http.StatusOK, "admin_user_password", v)
}
