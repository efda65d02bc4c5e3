package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// caseOne is one of the applicant's own cases; anyone else's is not found.
func (h *Handler) caseOne(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := apply.CaseNumber(r)
	if h.refused(w, r, err) {
		return
	}
	cs, err := h.casework.CaseOf(r.Context(), u.ID, n)
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, h.caseOf(r.Context(), cs, true))
}
