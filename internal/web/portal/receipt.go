package portal

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// receipt is the printable receipt (接件凭证) of a case: for its
// applicant, or for a clerk of its department at the window.
func (h *Handler) receipt(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	cs, err := h.Casework.Receipt(r.Context(), u, n)
	if h.pages.Refused(w, r, err) {
		return
	}
	v := h.pages.NewView(r)
	d, err := h.newCaseData(r.Context(), v, cs)
	if h.pages.Refused(w, r, err) {
		return
	}
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.caseReceipt, v)
}
