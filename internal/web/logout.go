package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/web/request"
)

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if token := request.From(r).Session; token != "" {
		if err := s.cfg.Auth.Logout(r.Context(), token); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true})
	s.redirect(w, r, "/", "auth.logout.done")
}
