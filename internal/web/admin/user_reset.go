package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

// userReset gives the user a new random password, shown once here;
// they must change it at their next login.
func (h *Handler) userReset(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := h.targetUser(w, r, u)
	if !ok {
		return
	}
	password := auth.RandomPassword(16)
	if err := h.org.SetPassword(r.Context(), u.Username, t, auth.HashPassword(password), true); err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	if err := h.auth.EndSessions(r.Context(), t); err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	// Whoever learnt the old password may have made tokens with it: they go
	// too, unless the administrator unticked the box.
	if r.PostFormValue("revoke_tokens") != "" {
		if err := h.auth.RevokeTokens(r.Context(), u.Username, t); err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	v := h.pages.NewView(r)
	w.Header().Set("Cache-Control", "no-store")
	v.Data = usersPageData{Target: t, Password: password}
	h.pages.Render(w, r, http.StatusOK, h.tmpl.adminUserPassword, v)
}
