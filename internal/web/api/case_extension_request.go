package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

type extensionRequest struct {
	Days   int    `json:"days"`
	Reason string `json:"reason"`
}

// caseExtensionRequest asks the approver to extend the case's limits:
// POST /api/v1/cases/{number}/extensions.
func (h *Handler) caseExtensionRequest(w http.ResponseWriter, r *http.Request, u org.User) {
	var req extensionRequest
	n, ok := h.caseBody(w, r, &req)
	if !ok {
		return
	}
	e, err := h.casework.RequestExtension(r.Context(), u, n, req.Days, req.Reason)
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusCreated, extensionOf(e))
}
