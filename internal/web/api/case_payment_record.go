package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

type paymentRequest struct {
	AmountFen int64  `json:"amount_fen"`
	Reference string `json:"reference"`
}

// casePaymentRecord records that the case's fees were paid, at the
// window: POST /api/v1/cases/{number}/payments. A payment gateway's
// callback will come in beside it.
func (h *Handler) casePaymentRecord(w http.ResponseWriter, r *http.Request, u org.User) {
	var req paymentRequest
	n, ok := h.caseBody(w, r, &req)
	if !ok {
		return
	}
	a, err := h.casework.RecordPayment(r.Context(), u, n, req.AmountFen, req.Reference)
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, assessmentOf(a))
}
