package web

import (
	"errors"
	"mime/multipart"
	"net/http"
	"net/url"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// maxEditorBody bounds the editor's form: the item and a few samples.
const maxEditorBody = 4*catalog.MaxSampleBytes + 1<<20

// catalogAdminNew opens the editor for a new item.
func (s *Server) catalogAdminNew(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	v.Form = itemForm(catalog.Item{Kind: catalog.KindLicensing, Mode: catalog.ModePromised, Channel: catalog.ChannelPreReview,
		Audience: catalog.AudienceBoth, ProcessKey: catalog.DefaultProcessKey, StatutoryDays: 20,
		Result: catalog.Result{Kind: catalog.ResultCertificate}, ComplaintPhone: "12345"})
	v.Form.Del("validity_months")
	s.renderEditor(w, r, u, v, newEditorData(v.Form), http.StatusOK)
}

// renderEditor shows the editor for a new item (d.New) or a draft.
func (s *Server) renderEditor(w http.ResponseWriter, r *http.Request, u org.User, v *view, d editorData, status int) {
	if d.Code == "" {
		d.New = true
		sc, err := s.adminCatalogScope(r.Context(), u)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		if len(sc.draftable) == 0 {
			s.forbidden(w, r)
			return
		}
		d.Departments = sc.draftable
	} else {
		depts, err := s.departmentIndex(r.Context())
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		d.DeptName = depts.name(v.Form.Get("department"), v.Lang)
	}
	if len(d.Problems) > 0 {
		d.Summary = v.T("catalog.editor.problems")
	}
	v.Data = d
	s.render(w, r, status, "catalog_admin_edit", v)
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

// catalogAdminCreate stores a new item as a draft of one of the user's
// departments.
func (s *Server) catalogAdminCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	form, mf, ok := readEditor(w, r)
	if !ok {
		return
	}
	v := s.newView(r)
	v.Form = form
	d := newEditorData(form)
	in := parseEditor(form, mf)
	sc, err := s.adminCatalogScope(r.Context(), u)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	allowed := false
	for _, dep := range sc.draftable {
		allowed = allowed || dep.Code == in.item.Department
	}
	if !allowed {
		d.Problems["department"] = v.T("catalog.editor.department_denied")
		s.renderEditor(w, r, u, v, d, http.StatusUnprocessableEntity)
		return
	}
	if s.editorProblems(v, &d, in) {
		s.renderEditor(w, r, u, v, d, http.StatusUnprocessableEntity)
		return
	}
	ver, err := s.itemCatalog().CreateItem(r.Context(), u.Username, in.item, in.files...)
	if errors.Is(err, catalog.ErrConflict) {
		d.Problems["code"] = v.T("catalog.editor.code_taken")
		s.renderEditor(w, r, u, v, d, http.StatusUnprocessableEntity)
		return
	}
	if s.editorFailed(w, r, u, v, &d, in, err) {
		return
	}
	s.redirect(w, r, "/admin/items/"+ver.Code, "catalog.flash.created")
}

// editorProblems puts the editor's own problems beside their fields.
func (s *Server) editorProblems(v *view, d *editorData, in editorInput) bool {
	for field, p := range in.problems {
		d.Problems[field] = tArgs(v, p.key, p.args)
	}
	return len(in.problems) > 0
}

// editorFailed re-renders the editor for a catalogue problem, or answers
// another error; it reports whether it did either.
func (s *Server) editorFailed(w http.ResponseWriter, r *http.Request, u org.User, v *view, d *editorData, in editorInput, err error) bool {
	var inv *catalog.InvalidError
	switch {
	case err == nil:
		return false
	case errors.As(err, &inv):
		d.Problems[in.editorField(inv.Field)] = tArgs(v, inv.Key, inv.Args)
		s.renderEditor(w, r, u, v, *d, http.StatusUnprocessableEntity)
	case errors.Is(err, catalog.ErrState):
		s.redirect(w, r, "/admin/items/"+d.Code, "catalog.flash.not_draft")
	default:
		s.refused(w, r, err)
	}
	return true
}

// catalogAdminEdit opens draft {n} in the editor.
func (s *Server) catalogAdminEdit(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := s.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	n, ok := versionNumber(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	if !ai.canDraft {
		s.forbidden(w, r)
		return
	}
	ver, err := s.itemCatalog().Version(r.Context(), ai.latest.Code, n)
	if s.refused(w, r, err) {
		return
	}
	if ver.State != catalog.StateDraft {
		s.redirect(w, r, "/admin/items/"+ver.Code, "catalog.flash.not_draft")
		return
	}
	v := s.newView(r)
	v.Form = itemForm(ver.Item)
	d := newEditorData(v.Form)
	d.Code, d.Number, d.Note = ver.Code, ver.Number, ver.Note
	s.renderEditor(w, r, u, v, d, http.StatusOK)
}

// catalogAdminSave stores the editor's content into draft {n}.
func (s *Server) catalogAdminSave(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := s.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	n, ok := versionNumber(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	if !ai.canDraft {
		s.forbidden(w, r)
		return
	}
	form, mf, ok := readEditor(w, r)
	if !ok {
		return
	}
	// The code and department are fixed; the form cannot move the item.
	form.Set("code", ai.latest.Code)
	form.Set("department", ai.latest.Department)
	v := s.newView(r)
	v.Form = form
	d := newEditorData(form)
	d.Code, d.Number = ai.latest.Code, n
	in := parseEditor(form, mf)
	if s.editorProblems(v, &d, in) {
		s.renderEditor(w, r, u, v, d, http.StatusUnprocessableEntity)
		return
	}
	_, err := s.itemCatalog().SaveDraft(r.Context(), u.Username, n, in.item, in.files...)
	if s.editorFailed(w, r, u, v, &d, in, err) {
		return
	}
	s.redirect(w, r, "/admin/items/"+ai.latest.Code, "catalog.flash.saved")
}
