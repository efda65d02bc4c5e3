package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
)

type specialStartRequest struct {
	Kind         string `json:"kind"`
	ExpectedDays int    `json:"expected_days"`
	Reason       string `json:"reason"`
}

// caseSpecialStart starts a special procedure, pausing the case's limits:
// POST /api/v1/cases/{number}/special-procedures.
func (h *Handler) caseSpecialStart(w http.ResponseWriter, r *http.Request, u org.User) {
	var req specialStartRequest
	n, ok := h.caseBody(w, r, &req)
	if !ok {
		return
	}
	s, err := h.casework.StartSpecial(r.Context(), u, n, casework.SpecialKind(req.Kind), req.ExpectedDays, req.Reason)
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusCreated, specialOf(s))
}
