package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/request"
)

// caseMaterial adds a material to the applicant's own case while it
// awaits acceptance: POST /api/v1/cases/{number}/materials?slot=N.
func (h *Handler) caseMaterial(w http.ResponseWriter, r *http.Request, u org.User) {
	lang := request.From(r).Lang
	n, err := apply.CaseNumber(r)
	if err != nil {
		Error(w, http.StatusNotFound, "not_found", h.msgs.T(lang, "error.notfound.body", nil))
		return
	}
	cs, err := h.casework.CaseOf(r.Context(), u.ID, n)
	if h.refused(w, r, err) {
		return
	}
	ver, item, err := h.items.Version(r.Context(), cs.ItemCode, cs.ItemVersion)
	if h.refused(w, r, err) {
		return
	}
	slot, err := strconv.Atoi(r.URL.Query().Get("slot"))
	if err != nil || slot < 0 || slot >= len(ver.Materials) {
		Error(w, http.StatusBadRequest, "case.api.slot", h.msgs.T(lang, "case.api.slot", nil), "slot")
		return
	}
	filename, data, ok := h.uploaded(w, r, item, slot)
	if !ok {
		return
	}
	m, err := h.casework.AddCaseMaterial(r.Context(), u.Username, u.ID, n, item, slot, filename, data)
	var inv *casework.InvalidError
	switch {
	case errors.As(err, &inv):
		h.invalid(w, r, item, inv)
		return
	case h.refused(w, r, err):
		return
	}
	writeJSON(w, http.StatusCreated, materialJSON(m))
}
