package web

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	v.Form.Set("revoke_tokens", "on") // revoking is the default
	s.pages.Render(w, r, http.StatusOK, s.tmpl.password, v)
}

func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	r.ParseForm()
	v.Form.Set("revoke_tokens", r.PostForm.Get("revoke_tokens"))
	next := r.PostForm.Get("new")
	status := http.StatusUnprocessableEntity
	err := s.cfg.Auth.CheckCurrent(r.Context(), u, r.PostForm.Get("current"))
	var throttled *auth.ThrottledError
	switch {
	case errors.As(err, &throttled):
		v.Errors["current"] = "auth.attempts.throttled"
		status = http.StatusTooManyRequests
	case errors.Is(err, auth.ErrBadCredentials):
		v.Errors["current"] = "auth.password.current_wrong"
	case err != nil:
		s.internalError(w, r, err)
		return
	case auth.CheckStrength(u.Username, next) != "":
		v.Errors["new"] = auth.CheckStrength(u.Username, next)
	case next != r.PostForm.Get("new2"):
		v.Errors["new2"] = "auth.password.mismatch"
	case next == r.PostForm.Get("current"):
		v.Errors["new"] = "auth.password.same"
	}
	if len(v.Errors) > 0 {
		s.pages.Render(w, r, status, s.tmpl.password, v)
		return
	}
	if err := s.cfg.Org.SetPassword(r.Context(), u.Username, u, auth.HashPassword(next), false); err != nil {
		s.internalError(w, r, err)
		return
	}
	// Other sessions (a forgotten browser at a window) end with the old
	// password; API tokens too unless the user chose to keep them.
	if err := s.cfg.Auth.EndSessions(r.Context(), u); err != nil {
		s.internalError(w, r, err)
		return
	}
	if r.PostForm.Get("revoke_tokens") != "" {
		if err := s.cfg.Auth.RevokeTokens(r.Context(), u.Username, u); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	token, err := s.cfg.Auth.NewSession(r.Context(), u)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.setSession(w, r, token)
	s.redirect(w, r, "/", "auth.password.changed")
}
