package admin

import (
	"errors"
	"mime/multipart"
	"net/http"
	"net/url"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/deptnames"
	"github.com/shenpi/shenpi/internal/web/page"
)

// maxEditorBody bounds the editor's form: the item and a few samples.
const maxEditorBody = 4*catalog.MaxSampleBytes + 1<<20

// itemNew opens the editor for a new item.
func (h *Handler) itemNew(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	v.Form = itemForm(catalog.Item{Kind: catalog.KindLicensing, Mode: catalog.ModePromised, Channel: catalog.ChannelPreReview,
		Audience: catalog.AudienceBoth, ProcessKey: catalog.DefaultProcessKey, StatutoryDays: 20,
		Result: catalog.Result{Kind: catalog.ResultCertificate}, ComplaintPhone: "12345"})
	v.Form.Del("validity_months")
	h.renderEditor(w, r, u, v, newEditorData(v.Form), http.StatusOK)
}

// renderEditor shows the editor for a new item (d.New) or a draft.
func (h *Handler) renderEditor(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, d editorData, status int) {
	if d.Code == "" {
		d.New = true
		sc, err := h.adminCatalogScope(r.Context(), u)
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		if len(sc.draftable) == 0 {
			h.pages.Forbidden(w, r)
			return
		}
		d.Departments = sc.draftable
	} else {
		depts, err := deptnames.Load(r.Context(), h.org)
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		d.DeptName = depts.Name(v.Form.Get("department"), v.Lang)
	}
	if len(d.Problems) > 0 {
		d.Summary = v.T("catalog.editor.problems")
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.itemEdit, v)
}

// readEditor parses the posted editor, multipart or not.
func readEditor(w http.ResponseWriter, r *http.Request) (url.Values, *multipart.Form, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxEditorBody)
	if err := r.ParseMultipartForm(maxEditorBody); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		http.Error(w, http.StatusText(http.StatusRequestEntityTooLarge), http.StatusRequestEntityTooLarge)
		return nil, nil, false
	}
	return r.PostForm, r.MultipartForm, true
}

// itemCreate stores a new item as a draft of one of the user's
// departments; catalog refuses any other department.
func (h *Handler) itemCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	form, mf, ok := readEditor(w, r)
	if !ok {
		return
	}
	v := h.pages.NewView(r)
	v.Form = form
	d := newEditorData(form)
	in := parseEditor(form, mf)
	if h.editorProblems(v, &d, in) {
		h.renderEditor(w, r, u, v, d, http.StatusUnprocessableEntity)
		return
	}
	ver, err := h.catalog.CreateItem(r.Context(), u, in.item, in.files...)
	if errors.Is(err, catalog.ErrConflict) {
		d.Problems["code"] = v.T("catalog.editor.code_taken")
		h.renderEditor(w, r, u, v, d, http.StatusUnprocessableEntity)
		return
	}
	if h.editorFailed(w, r, u, v, &d, in, err) {
		return
	}
	h.pages.Redirect(w, r, "/admin/items/"+ver.Code, "catalog.flash.created")
}

// editorProblems puts the editor's own problems beside their fields.
func (h *Handler) editorProblems(v *page.View, d *editorData, in editorInput) bool {
	for field, p := range in.problems {
		d.Problems[field] = v.TArgs(p.key, p.args)
	}
	return len(in.problems) > 0
}

// editorFailed re-renders the editor for a catalog problem, or answers
// another error; it reports whether it did either.
func (h *Handler) editorFailed(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, d *editorData, in editorInput, err error) bool {
	var inv *catalog.InvalidError
	switch {
	case err == nil:
		return false
	case errors.As(err, &inv):
		d.Problems[in.editorField(inv.Field)] = v.TArgs(inv.Key, inv.Args)
		h.renderEditor(w, r, u, v, *d, http.StatusUnprocessableEntity)
	case errors.Is(err, catalog.ErrState):
		h.pages.Redirect(w, r, "/admin/items/"+d.Code, "catalog.flash.not_draft")
	default:
		h.pages.Refused(w, r, err)
	}
	return true
}

// itemEdit opens draft {n} in the editor.
func (h *Handler) itemEdit(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, n, ok := h.loadItemVersion(w, r, u)
	if !ok {
		return
	}
	if !ai.canDraft {
		h.pages.Forbidden(w, r)
		return
	}
	ver, err := h.catalog.Version(r.Context(), ai.latest.Code, n)
	if h.pages.Refused(w, r, err) {
		return
	}
	if ver.State != catalog.StateDraft {
		h.pages.Redirect(w, r, "/admin/items/"+ver.Code, "catalog.flash.not_draft")
		return
	}
	v := h.pages.NewView(r)
	v.Form = itemForm(ver.Item)
	d := newEditorData(v.Form)
	d.Code, d.Number, d.Note = ver.Code, ver.Number, ver.Note
	h.renderEditor(w, r, u, v, d, http.StatusOK)
}

// itemSave stores the editor's content into draft {n}.
func (h *Handler) itemSave(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, n, ok := h.loadItemVersion(w, r, u)
	if !ok {
		return
	}
	form, mf, ok := readEditor(w, r)
	if !ok {
		return
	}
	// The code and department are fixed; the form cannot move the item.
	form.Set("code", ai.latest.Code)
	form.Set("department", ai.latest.Department)
	v := h.pages.NewView(r)
	v.Form = form
	d := newEditorData(form)
	d.Code, d.Number = ai.latest.Code, n
	in := parseEditor(form, mf)
	if h.editorProblems(v, &d, in) {
		h.renderEditor(w, r, u, v, d, http.StatusUnprocessableEntity)
		return
	}
	_, err := h.catalog.SaveDraft(r.Context(), u, n, in.item, in.files...)
	if h.editorFailed(w, r, u, v, &d, in, err) {
		return
	}
	h.pages.Redirect(w, r, "/admin/items/"+ai.latest.Code, "catalog.flash.saved")
}
