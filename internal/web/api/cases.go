package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/request"
)

// cases lists the applicant's own cases: GET /api/v1/cases?mine=1 (the
// only list an applicant has).
func (h *Handler) cases(w http.ResponseWriter, r *http.Request, u org.User) {
	if r.URL.Query().Get("mine") != "1" {
		Error(w, http.StatusBadRequest, "case.api.mine", h.msgs.T(request.From(r).Lang, "case.api.mine", nil), "mine")
		return
	}
	cases, err := h.casework.Mine(r.Context(), u.ID)
	if h.refused(w, r, err) {
		return
	}
	out := make([]apiCaseJSON, 0, len(cases))
	for _, cs := range cases {
		out = append(out, h.caseOf(r.Context(), cs, false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"cases": out, "count": len(out)})
}
