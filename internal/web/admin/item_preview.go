package admin

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/itempage"
)

// itemPreview shows any version as its guide, for review.
func (h *Handler) itemPreview(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, n, ok := h.loadItemVersion(w, r, u)
	if !ok {
		return
	}
	ver, err := h.catalog.Version(r.Context(), ai.latest.Code, n)
	if h.pages.Refused(w, r, err) {
		return
	}
	v := h.pages.NewView(r)
	d, err := itempage.LoadGuide(r.Context(), h.org, v, ver, h.now())
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	d.Preview, d.Query = true, "?v="+strconv.Itoa(ver.Number)
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.portalItem, v)
}
