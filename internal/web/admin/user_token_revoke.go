package admin

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
)

// userTokenRevoke revokes one API token of a user the administrator
// administers; auth checks again that they may and that the token is the
// user's.
func (h *Handler) userTokenRevoke(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := h.targetUser(w, r, u)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("token"), 10, 64)
	if err != nil {
		h.pages.NotFound(w, r)
		return
	}
	if h.pages.Refused(w, r, h.auth.RevokeToken(r.Context(), u, t, id)) {
		return
	}
	h.pages.Redirect(w, r, fmt.Sprintf("/admin/users/%d#tokens", t.ID), "tokens.revoked")
}
