package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

type specialEndRequest struct {
	Result string `json:"result"`
}

// caseSpecialEnd ends a special procedure and resumes the case's limits:
// POST /api/v1/cases/{number}/special-procedures/{id}/end.
func (h *Handler) caseSpecialEnd(w http.ResponseWriter, r *http.Request, u org.User) {
	id, ok := h.pathID(w, r, "id")
	if !ok {
		return
	}
	var req specialEndRequest
	n, ok := h.caseBody(w, r, &req)
	if !ok {
		return
	}
	s, err := h.casework.EndSpecial(r.Context(), u, n, id, req.Result)
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, specialOf(s))
}
