package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request, u org.User) {
	s.pages.Render(w, r, http.StatusOK, s.tmpl.password, s.newView(r))
}

func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	r.ParseForm()
	_, hash, err := s.cfg.Org.UserWithHash(r.Context(), u.Username)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	next := r.PostForm.Get("new")
	switch {
	case !auth.CheckPassword(hash, r.PostForm.Get("current")):
		v.Errors["current"] = "auth.password.current_wrong"
	case auth.CheckStrength(u.Username, next) != "":
		v.Errors["new"] = auth.CheckStrength(u.Username, next)
	case next != r.PostForm.Get("new2"):
		v.Errors["new2"] = "auth.password.mismatch"
	case next == r.PostForm.Get("current"):
		v.Errors["new"] = "auth.password.same"
	}
	if len(v.Errors) > 0 {
		s.pages.Render(w, r, http.StatusUnprocessableEntity, s.tmpl.password, v)
		return
	}
	if err := s.cfg.Org.SetPassword(r.Context(), u.Username, u, auth.HashPassword(next), false); err != nil {
		s.internalError(w, r, err)
		return
	}
	// Other sessions (a forgotten browser at a window) end with the old password.
	if err := s.cfg.Auth.EndSessions(r.Context(), u); err != nil {
		s.internalError(w, r, err)
		return
	}
	token, err := s.cfg.Auth.NewSession(r.Context(), u)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.setSession(w, r, token)
	s.redirect(w, r, "/", "auth.password.changed")
}
