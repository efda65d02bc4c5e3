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

// caseCreate submits an application: POST /api/v1/cases.
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
	ver, item, d, err := h.draft(ctx, u, req.Item)
	if h.refused(w, r, err) {
		return
	}
	// The case gets exactly the files named: one not uploaded is refused,
	// one uploaded and not named is taken off the draft.
	named := map[apiMaterialJSON]bool{}
	for i, m := range req.Materials {
		key := apiMaterialJSON{Slot: m.Slot, SHA256: m.SHA256}
		found := false
		for _, have := range d.Materials {
			found = found || have.Slot == m.Slot && have.SHA256 == m.SHA256
		}
		if !found {
			Error(w, http.StatusUnprocessableEntity, "case.api.material_unknown",
				h.msgs.T(request.From(r).Lang, "case.api.material_unknown", nil), "materials["+strconv.Itoa(i)+"]")
			return
		}
		named[key] = true
	}
	// Check before changing the draft, so a refused request leaves it as
	// it was; Submit checks again, in its transaction.
	inv := &casework.InvalidError{Fields: item.Validate(casework.Form(values)), Materials: map[int]string{}}
	for slot, rule := range item.Materials {
		found := false
		for m := range named {
			found = found || m.Slot == slot
		}
		if rule.Required && !found {
			inv.Materials[slot] = "casework.material.missing"
		}
	}
	if len(inv.Fields)+len(inv.Materials) > 0 {
		h.invalid(w, r, inv)
		return
	}
	for _, have := range d.Materials {
		if !named[apiMaterialJSON{Slot: have.Slot, SHA256: have.SHA256}] {
			if err := h.casework.RemoveMaterial(ctx, u.Username, u.ID, d.ID, have.Slot, have.SHA256); h.refused(w, r, err) {
				return
			}
		}
	}
	form := casework.Form(values)
	if clean, problems := ver.Form.Clean(values); len(problems) == 0 {
		form = casework.Form(clean)
	}
	if err := h.casework.SaveDraft(ctx, u.Username, u.ID, d.ID, form); h.refused(w, r, err) {
		return
	}
	cs, err := h.casework.Submit(ctx, u, d.ID, item)
	if errors.As(err, &inv) {
		h.invalid(w, r, inv)
		return
	}
	if h.refused(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/cases/"+string(cs.Number))
	writeJSON(w, http.StatusCreated, h.caseOf(ctx, cs, true))
}
