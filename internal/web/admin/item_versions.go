package admin

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
)

// itemNewVersion starts a new draft from the published version and
// opens it in the editor.
func (h *Handler) itemNewVersion(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := h.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	ver, err := h.catalog.NewVersion(r.Context(), u, ai.latest.Code)
	if err != nil {
		h.actionResult(w, r, ai, err, "", "reason")
		return
	}
	h.pages.Redirect(w, r, "/admin/items/"+ver.Code+"/versions/"+strconv.Itoa(ver.Number)+"/edit", "catalog.flash.new_version")
}
