package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/web/request"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	v := s.newView(r)
	v.Form.Set("next", r.URL.Query().Get("next"))
	s.pages.Render(w, r, http.StatusOK, s.tmpl.login, v)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	v := s.newView(r)
	r.ParseForm()
	v.Form.Set("username", r.PostForm.Get("username"))
	v.Form.Set("next", r.PostForm.Get("next"))
	u, token, err := s.cfg.Auth.Login(r.Context(), r.PostForm.Get("username"), r.PostForm.Get("password"), request.ClientAddr(r))
	var throttled *auth.ThrottledError
	switch {
	case errors.As(err, &throttled):
		v.Errors["form"] = "auth.login.throttled"
		s.pages.Render(w, r, http.StatusTooManyRequests, s.tmpl.login, v)
		return
	case errors.Is(err, auth.ErrBadCredentials):
		v.Errors["form"] = "auth.login.bad"
		s.pages.Render(w, r, http.StatusUnauthorized, s.tmpl.login, v)
		return
	case errors.Is(err, auth.ErrDisabled):
		v.Errors["form"] = "auth.login.disabled"
		s.pages.Render(w, r, http.StatusForbidden, s.tmpl.login, v)
		return
	case err != nil:
		s.internalError(w, r, err)
		return
	}
	s.setSession(w, r, token)
	if u.Lang != "" {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: u.Lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
	}
	next := r.PostForm.Get("next")
	if u.MustChange {
		next = "/password"
	}
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
}

// safeNext keeps redirects after login on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
