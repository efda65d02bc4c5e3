package portal

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/page"
)

// draft shows a draft application: the form as last saved and the
// files attached so far.
func (h *Handler) draft(w http.ResponseWriter, r *http.Request, u org.User) {
	d, err := h.Casework.Draft(r.Context(), u.ID, r.PathValue("id"))
	if h.pages.Refused(w, r, err) {
		return
	}
	ver, err := h.Catalog.Version(r.Context(), d.ItemCode, d.ItemVersion)
	if h.pages.Refused(w, r, err) {
		return
	}
	h.renderDraft(w, r, http.StatusOK, ver, d, catalog.Values(d.Form), nil)
}

func (h *Handler) renderDraft(w http.ResponseWriter, r *http.Request, status int, ver catalog.Version, d casework.Draft, values catalog.Values, inv *casework.InvalidError) {
	v := h.pages.NewView(r)
	a := itempage.NewApplication(v, ver, values, d.Materials, inv)
	a.Action, a.DraftID = "/drafts/"+d.ID+"?request="+url.QueryEscape(apply.RequestID(r)), d.ID
	a.Updated = d.UpdatedAt.In(page.Zone).Format("2006-01-02 15:04")
	v.Data = a
	h.pages.Render(w, r, status, h.tmpl.caseDraft, v)
}

// draftSave takes a posted draft: the answers are saved as typed
// (checked or not), chosen files attached, a file removed; with "submit"
// everything is then checked and, when complete, the draft becomes a case
// and its receipt is shown. Problems are all shown at once, beside their
// fields and materials, with what was typed kept.
//
// The form's request id (apply.Once) makes a double click or a form sent
// again show the first submission's receipt, not make a second case.
func (h *Handler) draftSave(w http.ResponseWriter, r *http.Request, u org.User) {
	ctx := r.Context()
	receive, end, ok := h.Once.BeginForm(w, r, h.pages, u.ID)
	if !ok {
		return
	}
	defer end()
	cw := h.Casework
	d, err := cw.Draft(ctx, u.ID, r.PathValue("id"))
	if h.pages.Refused(w, r, err) {
		return
	}
	ver, item, err := h.items.Version(ctx, d.ItemCode, d.ItemVersion)
	if h.pages.Refused(w, r, err) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxBody(item))
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		h.renderDraft(w, r, http.StatusRequestEntityTooLarge, ver, d, catalog.Values(d.Form),
			&casework.InvalidError{Materials: map[int]string{-1: "case.upload.too_large"}})
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	values := itempage.Values(r.Form)
	files, err := itempage.PostedFiles(r.MultipartForm, len(item.Materials))
	if h.pages.Refused(w, r, err) {
		return
	}
	// A refused file changes nothing, not even the answers: the page comes
	// back with what was typed and the reason beside the material.
	if refused := refusedFiles(ver, item, files); refused != nil {
		if r.FormValue("action") == "submit" {
			completeProblems(refused, item, values, d.Materials, files)
		}
		h.renderDraft(w, r, http.StatusUnprocessableEntity, ver, d, values, refused)
		return
	}
	if err := cw.SaveDraft(ctx, u.Username, u.ID, d.ID, casework.Form(values)); h.pages.Refused(w, r, err) {
		return
	}
	for _, f := range files {
		if _, err := cw.AddMaterial(ctx, u.Username, u.ID, d.ID, item, f.Slot, f.Filename, f.Data); h.pages.Refused(w, r, err) {
			return
		}
	}
	if rm := r.FormValue("remove"); rm != "" {
		slot, sha, _ := strings.Cut(rm, ":")
		n, _ := strconv.Atoi(slot)
		if err := cw.RemoveMaterial(ctx, u.Username, u.ID, d.ID, n, sha); err != nil && !errors.Is(err, casework.ErrNotFound) {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	if d, err = cw.Draft(ctx, u.ID, d.ID); h.pages.Refused(w, r, err) {
		return
	}
	if r.FormValue("action") != "submit" {
		h.pages.Redirect(w, r, "/drafts/"+d.ID, "case.draft.saved")
		return
	}
	h.submitDraft(w, r, receive, u, ver, item, d, values)
}

// submitDraft checks a saved draft in full and turns it into a case under
// receive, the context carrying the form's request id (apply.Once.Begin),
// which must be the submission's alone.
func (h *Handler) submitDraft(w http.ResponseWriter, r *http.Request, receive context.Context, u org.User, ver catalog.Version, item casework.ItemVersion, d casework.Draft, values catalog.Values) {
	ctx := r.Context()
	// The case keeps the answers in canonical form (an ID number's x
	// uppercased, blank rows dropped); the problems, if any, come from the
	// full check below, by the paths the applicant typed in.
	if clean, problems := ver.Form.Clean(values); len(problems) == 0 {
		if err := h.Casework.SaveDraft(ctx, u.Username, u.ID, d.ID, casework.Form(clean)); h.pages.Refused(w, r, err) {
			return
		}
	}
	cs, err := h.Casework.Submit(receive, u, d.ID, item)
	if err != nil && h.Once.MadeMeanwhile(w, r, h.pages, u.ID) {
		return
	}
	var inv *casework.InvalidError
	if errors.As(err, &inv) {
		h.renderDraft(w, r, http.StatusUnprocessableEntity, ver, d, values, inv)
		return
	}
	if key := refuse.Reason(err); key != "" {
		h.pages.Redirect(w, r, "/drafts/"+d.ID, key) // the draft is kept as saved
		return
	}
	if h.pages.Refused(w, r, err) {
		return
	}
	h.pages.Redirect(w, r, "/cases/"+string(cs.Number)+"/receipt", "case.submitted")
}

// refusedFiles checks every posted file before any is stored.
func refusedFiles(ver catalog.Version, item casework.ItemVersion, files []itempage.PostedFile) *casework.InvalidError {
	inv := &casework.InvalidError{Materials: map[int]string{}}
	for _, f := range files {
		if key := casework.CheckUpload(item, f.Slot, f.Filename, f.Data); key != "" {
			inv.Materials[f.Slot] = key
		}
	}
	if len(inv.Materials) == 0 {
		return nil
	}
	return inv
}

// completeProblems adds to inv what a submission of values with the
// draft's and the posted files would be refused for, so one answer tells
// everything.
func completeProblems(inv *casework.InvalidError, item casework.ItemVersion, values catalog.Values, have []casework.Material, posted []itempage.PostedFile) {
	inv.Fields = item.Validate(casework.Form(values))
	present := map[int]bool{}
	for _, m := range have {
		present[m.Slot] = true
	}
	for _, f := range posted {
		present[f.Slot] = present[f.Slot] || inv.Materials[f.Slot] == ""
	}
	for slot, rule := range item.Materials {
		if _, refused := inv.Materials[slot]; rule.Required && !present[slot] && !refused {
			inv.Materials[slot] = "casework.material.missing"
		}
	}
}
