package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

func (h *Handler) userDisable(w http.ResponseWriter, r *http.Request, u org.User) {
	h.setDisabled(w, r, u, true)
}

func (h *Handler) userEnable(w http.ResponseWriter, r *http.Request, u org.User) {
	h.setDisabled(w, r, u, false)
}

func (h *Handler) setDisabled(w http.ResponseWriter, r *http.Request, u org.User, disabled bool) {
	t, ok := h.targetUser(w, r, u)
	if !ok {
		return
	}
	if err := h.org.SetDisabled(r.Context(), u.Username, t, disabled); err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	if disabled {
		if err := h.auth.EndSessions(r.Context(), t); err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	h.pages.Redirect(w, r, "/admin/users/"+r.PathValue("id"), "admin.saved")
}
