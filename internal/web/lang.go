package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/request"
)

// setLang switches the interface language and remembers it: in a cookie
// for everyone, and on the user for a logged-in user's other devices.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	lang := messages.Normalise(r.PostForm.Get("lang"))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
	if u := request.From(r).User; u.ID != 0 && u.Lang != lang {
		if err := s.cfg.Org.SetLang(r.Context(), u, lang); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	http.Redirect(w, r, safeNext(r.PostForm.Get("back")), http.StatusSeeOther)
}
