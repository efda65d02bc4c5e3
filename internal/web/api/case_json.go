package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/request"
)

// The case API applies the way the pages do: files are uploaded first
// (POST /api/v1/uploads), into the applicant's newest draft of the item,
// created when there is none; POST /api/v1/cases then names the files it
// submits by slot and SHA-256, and that draft becomes the case.

type apiCaseJSON struct {
	Number        string            `json:"number"`
	QueryCode     string            `json:"query_code"`
	Item          string            `json:"item"`
	ItemVersion   int               `json:"item_version"`
	ItemName      string            `json:"item_name"`
	Status        casework.Status   `json:"status"`
	Channel       casework.Channel  `json:"channel"`
	SubmittedAt   time.Time         `json:"submitted_at"`
	UpdatedAt     time.Time         `json:"updated_at"`
	AcceptanceDue *time.Time        `json:"acceptance_due,omitempty"`
	Form          map[string]string `json:"form,omitempty"`
	Materials     []apiMaterialJSON `json:"materials,omitempty"`
}

type apiMaterialJSON struct {
	Slot     int    `json:"slot"`
	SHA256   string `json:"sha256"`
	Filename string `json:"filename,omitempty"`
	Size     int64  `json:"size,omitempty"`
}

func (h *Handler) caseOf(ctx context.Context, cs casework.Case, full bool) apiCaseJSON {
	out := apiCaseJSON{Number: string(cs.Number), QueryCode: cs.QueryCode, Item: cs.ItemCode, ItemVersion: cs.ItemVersion,
		ItemName: cs.ItemName, Status: cs.Status, Channel: cs.Channel, SubmittedAt: cs.SubmittedAt.UTC(), UpdatedAt: cs.UpdatedAt.UTC()}
	if !full {
		return out
	}
	out.Form = cs.Form
	for _, m := range cs.Materials {
		out.Materials = append(out.Materials, materialJSON(m))
	}
	if p, err := h.casework.Lookup(ctx, cs.Number, cs.QueryCode); err == nil && !p.AcceptanceDue.IsZero() {
		due := p.AcceptanceDue.UTC()
		out.AcceptanceDue = &due
	}
	return out
}

// invalid answers an application with problems: every one, by field
// path and by material slot, translated.
func (h *Handler) invalid(w http.ResponseWriter, r *http.Request, item casework.ItemVersion, inv *casework.InvalidError) {
	lang := request.From(r).Lang
	fields, materials := map[string]string{}, map[string]string{}
	for path, p := range inv.Fields {
		fields[path] = h.msgs.T(lang, p.Key, p.Args)
	}
	for slot, key := range inv.Materials {
		materials[strconv.Itoa(slot)] = h.msgs.T(lang, key, apply.MaterialArgs(item, slot))
	}
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": map[string]any{
		"code": "invalid", "message": h.t(r, "case.api.invalid"), "fields": fields, "materials": materials}})
}
