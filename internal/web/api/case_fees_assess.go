package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
)

type feesRequest struct {
	Fees    []feeJSON `json:"fees"`
	PayDays int       `json:"pay_days"`
}

// caseFeesAssess assesses the case's fees from its item's fee list, with
// the working days to pay in: POST /api/v1/cases/{number}/fees.
func (h *Handler) caseFeesAssess(w http.ResponseWriter, r *http.Request, u org.User) {
	var req feesRequest
	n, ok := h.caseBody(w, r, &req)
	if !ok {
		return
	}
	sched, err := h.feeSchedule(r, n)
	if h.refused(w, r, err) {
		return
	}
	lines := make([]casework.FeeLine, len(req.Fees))
	for i, f := range req.Fees {
		lines[i] = casework.FeeLine{Name: f.Name, AmountFen: f.AmountFen}
	}
	a, err := h.casework.AssessFees(r.Context(), u, n, sched, lines, req.PayDays)
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusCreated, assessmentOf(a))
}

// feeSchedule is the fee list of the item version case n was applied
// under. Who may assess is casework's to say, after.
func (h *Handler) feeSchedule(r *http.Request, n casework.Number) (casework.FeeSchedule, error) {
	cs, err := h.casework.Case(r.Context(), n)
	if err != nil {
		return casework.FeeSchedule{}, err
	}
	ver, err := h.catalog.Version(r.Context(), cs.ItemCode, cs.ItemVersion)
	if err != nil {
		return casework.FeeSchedule{}, err
	}
	return casework.FeesOf(ver), nil
}
