package page

import (
	"net/http"
	"net/url"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/request"
)

// UserHandler handles a request of a logged-in user.
type UserHandler func(http.ResponseWriter, *http.Request, org.User)

// RequireUser wraps a page for logged-in users, sending others to the
// login page and back here afterwards.
func RequireUser(next UserHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := request.From(r).User
		if u.ID == 0 {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		next(w, r, u)
	}
}
