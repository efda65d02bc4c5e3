package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
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

func (s *Server) apiCaseOf(ctx context.Context, cs casework.Case, full bool) apiCaseJSON {
	out := apiCaseJSON{Number: string(cs.Number), QueryCode: cs.QueryCode, Item: cs.ItemCode, ItemVersion: cs.ItemVersion,
		ItemName: cs.ItemName, Status: cs.Status, Channel: cs.Channel, SubmittedAt: cs.SubmittedAt.UTC(), UpdatedAt: cs.UpdatedAt.UTC()}
	if !full {
		return out
	}
	out.Form = cs.Form
	for _, m := range cs.Materials {
		out.Materials = append(out.Materials, apiMaterialJSON{Slot: m.Slot, SHA256: m.SHA256, Filename: m.Filename, Size: m.Size})
	}
	if p, err := s.cfg.Casework.Lookup(ctx, cs.Number, cs.QueryCode); err == nil && !p.AcceptanceDue.IsZero() {
		due := p.AcceptanceDue.UTC()
		out.AcceptanceDue = &due
	}
	return out
}

// apiInvalid answers an application with problems: every one, by field
// path and by material slot, translated.
func (s *Server) apiInvalid(w http.ResponseWriter, r *http.Request, inv *casework.InvalidError) {
	v := s.newView(r)
	fields, materials := map[string]string{}, map[string]string{}
	for path, p := range inv.Fields {
		fields[path] = tArgs(v, p.Key, p.Args)
	}
	for slot, key := range inv.Materials {
		materials[strconv.Itoa(slot)] = v.T(key, "Types", "", "Size", "")
	}
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": map[string]any{
		"code": "invalid", "message": v.T("case.api.invalid"), "fields": fields, "materials": materials}})
}

// apiDraft returns the applicant's newest draft of the item's current
// version, starting one when there is none.
func (s *Server) apiDraft(ctx context.Context, u org.User, code string) (catalog.Version, casework.ItemVersion, casework.Draft, error) {
	ver, err := s.itemCatalog().Current(ctx, code)
	if err != nil {
		return ver, casework.ItemVersion{}, casework.Draft{}, err
	}
	item, err := s.caseItem(ctx, ver)
	if err == nil {
		// Refused before the draft is touched, so a refusal changes nothing.
		err = casework.Admit(u, item)
	}
	if err != nil {
		return ver, item, casework.Draft{}, err
	}
	drafts, err := s.cfg.Casework.Drafts(ctx, u.ID)
	if err != nil {
		return ver, item, casework.Draft{}, err
	}
	for _, d := range drafts {
		if d.ItemCode == ver.Code && d.ItemVersion == ver.Number {
			d, err := s.cfg.Casework.Draft(ctx, u.ID, d.ID)
			return ver, item, d, err
		}
	}
	d, err := s.cfg.Casework.CreateDraft(ctx, u, item)
	return ver, item, d, err
}

// apiUpload takes one file for material slot N of an item:
// POST /api/v1/uploads?item=CODE&slot=N, either multipart (field "file")
// or the raw file as the body with ?filename=.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request, u org.User) {
	q := r.URL.Query()
	slot, err := strconv.Atoi(q.Get("slot"))
	if err != nil {
		apiError(w, http.StatusBadRequest, "case.api.slot", s.cat.T(reqCtx(r).lang, "case.api.slot", nil), "slot")
		return
	}
	ver, item, d, err := s.apiDraft(r.Context(), u, q.Get("item"))
	if s.refused(w, r, err) {
		return
	}
	if slot < 0 || slot >= len(ver.Materials) {
		apiError(w, http.StatusBadRequest, "case.api.slot", s.cat.T(reqCtx(r).lang, "case.api.slot", nil), "slot")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, applicationMaxBody(item))
	filename, data, err := uploadedFile(r)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.apiInvalid(w, r, &casework.InvalidError{Materials: map[int]string{slot: "casework.material.too_large"}})
		return
	}
	if err != nil {
		apiError(w, http.StatusBadRequest, "case.api.file", s.cat.T(reqCtx(r).lang, "case.api.file", nil)+" ("+err.Error()+")", "file")
		return
	}
	m, err := s.cfg.Casework.AddMaterial(r.Context(), u.Username, u.ID, d.ID, item, slot, filename, data)
	var inv *casework.InvalidError
	if errors.As(err, &inv) {
		s.apiInvalid(w, r, inv)
		return
	}
	if s.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusCreated, apiMaterialJSON{Slot: m.Slot, SHA256: m.SHA256, Filename: m.Filename, Size: m.Size})
}

// apiCaseMaterial adds a material to the applicant's own case while it
// awaits acceptance: POST /api/v1/cases/{number}/materials?slot=N.
func (s *Server) apiCaseMaterial(w http.ResponseWriter, r *http.Request, u org.User) {
	lang := reqCtx(r).lang
	n, err := parseCaseNumber(r)
	if err != nil {
		apiError(w, http.StatusNotFound, "not_found", s.cat.T(lang, "error.notfound.body", nil))
		return
	}
	cs, err := s.cfg.Casework.CaseOf(r.Context(), u.ID, n)
	if s.refused(w, r, err) {
		return
	}
	ver, item, err := s.caseVersion(r.Context(), cs.ItemCode, cs.ItemVersion)
	if s.refused(w, r, err) {
		return
	}
	slot, err := strconv.Atoi(r.URL.Query().Get("slot"))
	if err != nil || slot < 0 || slot >= len(ver.Materials) {
		apiError(w, http.StatusBadRequest, "case.api.slot", s.cat.T(lang, "case.api.slot", nil), "slot")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, applicationMaxBody(item))
	filename, data, err := uploadedFile(r)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.apiInvalid(w, r, &casework.InvalidError{Materials: map[int]string{slot: "casework.material.too_large"}})
		return
	}
	if err != nil {
		apiError(w, http.StatusBadRequest, "case.api.file", s.cat.T(lang, "case.api.file", nil)+" ("+err.Error()+")", "file")
		return
	}
	m, err := s.cfg.Casework.AddCaseMaterial(r.Context(), u.Username, u.ID, n, item, slot, filename, data)
	var inv *casework.InvalidError
	switch {
	case errors.As(err, &inv):
		s.apiInvalid(w, r, inv)
		return
	case s.refused(w, r, err):
		return
	}
	writeJSON(w, http.StatusCreated, apiMaterialJSON{Slot: m.Slot, SHA256: m.SHA256, Filename: m.Filename, Size: m.Size})
}

func uploadedFile(r *http.Request) (string, []byte, error) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		f, fh, err := r.FormFile("file")
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		return fh.Filename, data, err
	}
	data, err := io.ReadAll(r.Body)
	return r.URL.Query().Get("filename"), data, err
}

type apiCaseRequest struct {
	Item      string            `json:"item"`
	Form      json.RawMessage   `json:"form"`
	Materials []apiMaterialJSON `json:"materials"`
}

// apiCaseCreate submits an application: POST /api/v1/cases.
func (s *Server) apiCaseCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	ctx := r.Context()
	var req apiCaseRequest
	if key, detail := decodeJSON(r, &req); key != "" {
		s.apiBadJSON(w, r, key, detail)
		return
	}
	values := catalog.Values{}
	if len(req.Form) > 0 && string(req.Form) != "null" {
		var err error
		if values, err = catalog.ValuesFromJSON(req.Form); err != nil {
			apiError(w, http.StatusBadRequest, "api.json.type", err.Error(), "form")
			return
		}
	}
	ver, item, d, err := s.apiDraft(ctx, u, req.Item)
	if s.refused(w, r, err) {
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
			apiError(w, http.StatusUnprocessableEntity, "case.api.material_unknown",
				s.cat.T(reqCtx(r).lang, "case.api.material_unknown", nil), "materials["+strconv.Itoa(i)+"]")
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
		s.apiInvalid(w, r, inv)
		return
	}
	for _, have := range d.Materials {
		if !named[apiMaterialJSON{Slot: have.Slot, SHA256: have.SHA256}] {
			if err := s.cfg.Casework.RemoveMaterial(ctx, u.Username, u.ID, d.ID, have.Slot, have.SHA256); s.refused(w, r, err) {
				return
			}
		}
	}
	form := casework.Form(values)
	if clean, problems := ver.Form.Clean(values); len(problems) == 0 {
		form = casework.Form(clean)
	}
	if err := s.cfg.Casework.SaveDraft(ctx, u.Username, u.ID, d.ID, form); s.refused(w, r, err) {
		return
	}
	cs, err := s.cfg.Casework.Submit(ctx, u, d.ID, item)
	if errors.As(err, &inv) {
		s.apiInvalid(w, r, inv)
		return
	}
	if s.refused(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/cases/"+string(cs.Number))
	writeJSON(w, http.StatusCreated, s.apiCaseOf(ctx, cs, true))
}

// apiCase is one of the applicant's own cases; anyone else's is not found.
func (s *Server) apiCase(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := parseCaseNumber(r)
	if s.refused(w, r, err) {
		return
	}
	cs, err := s.cfg.Casework.CaseOf(r.Context(), u.ID, n)
	if s.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, s.apiCaseOf(r.Context(), cs, true))
}

// apiCases lists the applicant's own cases: GET /api/v1/cases?mine=1 (the
// only list an applicant has).
func (s *Server) apiCases(w http.ResponseWriter, r *http.Request, u org.User) {
	if r.URL.Query().Get("mine") != "1" {
		apiError(w, http.StatusBadRequest, "case.api.mine", s.cat.T(reqCtx(r).lang, "case.api.mine", nil), "mine")
		return
	}
	cases, err := s.cfg.Casework.Mine(r.Context(), u.ID)
	if s.refused(w, r, err) {
		return
	}
	out := make([]apiCaseJSON, 0, len(cases))
	for _, cs := range cases {
		out = append(out, s.apiCaseOf(r.Context(), cs, false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"cases": out, "count": len(out)})
}
