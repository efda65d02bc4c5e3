package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

// itemWithdraw takes an item off the portal, with a reason.
func (h *Handler) itemWithdraw(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := h.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	r.ParseForm()
	err := h.catalog.Withdraw(r.Context(), u, ai.latest.Code, r.PostForm.Get("withdraw_reason"))
	h.actionResult(w, r, ai, err, "catalog.flash.withdrawn", "withdraw_reason")
}
