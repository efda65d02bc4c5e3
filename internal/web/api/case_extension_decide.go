package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

type extensionDecision struct {
	Approve *bool  `json:"approve"`
	Note    string `json:"note"`
}

// caseExtensionDecide approves or refuses an extension request:
// POST /api/v1/cases/{number}/extensions/{id}/decision.
func (h *Handler) caseExtensionDecide(w http.ResponseWriter, r *http.Request, u org.User) {
	id, ok := h.pathID(w, r, "id")
	if !ok {
		return
	}
	var req extensionDecision
	n, ok := h.caseBody(w, r, &req)
	if !ok {
		return
	}
	if req.Approve == nil {
		Error(w, http.StatusUnprocessableEntity, "invalid", h.t(r, "handling.extension.approve_missing"), "approve")
		return
	}
	e, err := h.casework.DecideExtension(r.Context(), u, n, id, *req.Approve, req.Note)
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, extensionOf(e))
}
