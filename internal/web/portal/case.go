package portal

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// caseShow is the applicant's own case: status, steps, materials.
func (h *Handler) caseShow(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	cs, err := h.Casework.CaseOf(r.Context(), u.ID, n)
	if h.pages.Refused(w, r, err) {
		return
	}
	v := h.pages.NewView(r)
	d, err := h.newCaseData(r.Context(), v, cs)
	if h.pages.Refused(w, r, err) {
		return
	}
	if d.Chart, err = h.caseChart(r.Context(), v, cs.Number); h.pages.Refused(w, r, err) {
		return
	}
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.caseShow, v)
}
