package portal

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/published"
)

// item is the guide of a published item (办事指南).
func (h *Handler) item(w http.ResponseWriter, r *http.Request) {
	h.renderGuide(w, r, h.tmpl.portalItem)
}

// notice is the printable one-time notice (一次性告知单): everything an
// applicant must bring, on one page.
func (h *Handler) notice(w http.ResponseWriter, r *http.Request) {
	h.renderGuide(w, r, h.tmpl.portalNotice)
}

// renderGuide shows the item the URL names on the guide or notice page.
func (h *Handler) renderGuide(w http.ResponseWriter, r *http.Request, t page.Template) {
	ver, err := published.Item(r, h.Catalog)
	if h.pages.Refused(w, r, err) {
		return
	}
	v := h.pages.NewView(r)
	d, err := itempage.LoadGuide(r.Context(), h.Org, v, ver, h.Now())
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, t, v)
}
