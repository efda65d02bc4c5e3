package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/request"
)

type apiCaseRequest struct {
	Item      string            `json:"item"`
	Form      json.RawMessage   `json:"form"`
	Materials []apiMaterialJSON `json:"materials"`
}

// caseCreate submits an application: POST /api/v1/cases. Its materials
// are named among the applicant's uploads; the case holds exactly those.
func (h *Handler) caseCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	ctx := r.Context()
	var req apiCaseRequest
	if key, detail := decodeJSON(r, &req); key != "" {
		h.badJSON(w, r, key, detail)
		return
	}
	values := catalog.Values{}
	if len(req.Form) > 0 && string(req.Form) != "null" {
		var err error
		if values, err = catalog.ValuesFromJSON(req.Form); err != nil {
			Error(w, http.StatusBadRequest, "api.json.type", err.Error(), "form")
			return
		}
	}
	ver, item, err := h.applyFor(ctx, u, req.Item)
	if h.refused(w, r, err) {
		return
	}
	named := make([]casework.MaterialRef, len(req.Materials))
	for i, m := range req.Materials {
		named[i] = casework.MaterialRef{Slot: m.Slot, SHA256: m.SHA256}
	}
	// The case keeps the answers in canonical form when they are valid;
	// the problems, if any, come from the full check, by the paths typed.
	form := casework.Form(values)
	if clean, problems := ver.Form.Clean(values); len(problems) == 0 {
		form = casework.Form(clean)
	}
	cs, err := h.casework.SubmitNamed(ctx, u, item, form, named)
	var unknown *casework.UnknownMaterialError
	if errors.As(err, &unknown) {
		Error(w, http.StatusUnprocessableEntity, "case.api.material_unknown",
			h.msgs.T(request.From(r).Lang, "case.api.material_unknown", nil), "materials["+strconv.Itoa(unknown.Index)+"]")
		return
	}
	var inv *casework.InvalidError
	if errors.As(err, &inv) {
		h.invalid(w, r, item, inv)
		return
	}
	if h.refused(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/cases/"+string(cs.Number))
	writeJSON(w, http.StatusCreated, h.caseOf(ctx, cs, true))
}

// caseCreateRebuilt answers a retried submission from the case it made.
func (h *Handler) caseCreateRebuilt(r *http.Request, u org.User, number string) (int, any, string, error) {
	cs, err := h.casework.CaseOf(r.Context(), u.ID, casework.Number(number))
	return http.StatusCreated, h.caseOf(r.Context(), cs, true), "/api/v1/cases/" + number, err
}
