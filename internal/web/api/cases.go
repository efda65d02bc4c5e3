package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/request"
)

// cases lists a page of the applicant's own cases: GET /api/v1/cases?mine=1
// (the only list an applicant has).
func (h *Handler) cases(w http.ResponseWriter, r *http.Request, u org.User) {
	if r.URL.Query().Get("mine") != "1" {
		Error(w, http.StatusBadRequest, "case.api.mine", h.msgs.T(request.From(r).Lang, "case.api.mine", nil), "mine")
		return
	}
	req, err := keyset.FromQuery(r.URL.Query(), casework.MineOrderColumns)
	if h.refused(w, r, err) {
		return
	}
	cases, err := h.casework.Mine(r.Context(), u.ID, req)
	if h.refused(w, r, err) {
		return
	}
	out := keyset.Map(cases, func(cs casework.Case) apiCaseJSON { return h.caseOf(r.Context(), cs, false) })
	writeJSON(w, http.StatusOK, pageJSON("cases", out))
}
