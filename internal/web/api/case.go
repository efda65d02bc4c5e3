package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// caseOne is one case: GET /api/v1/cases/{number}. An applicant reads their
// own; staff of its department and supervisors of its region read it as the
// office does (caseStaff). Anyone else's is not found.
func (h *Handler) caseOne(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := apply.CaseNumber(r)
	if h.refused(w, r, err) {
		return
	}
	if !auth.CanApply(u) {
		h.caseStaff(w, r, u, n)
		return
	}
	cs, err := h.casework.CaseOf(r.Context(), u.ID, n)
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, h.caseOf(r.Context(), cs, true))
}
