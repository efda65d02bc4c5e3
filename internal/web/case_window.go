package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// windowItem finds the item a window registration is for and checks the
// clerk may register it; it reports whether it answered.
func (s *Server) windowItem(w http.ResponseWriter, r *http.Request, u org.User) (catalog.Version, casework.ItemVersion, bool) {
	code := r.URL.Query().Get("item")
	ver, err := s.itemCatalog().Current(r.Context(), code)
	if err == nil {
		err = ver.Open()
	}
	if s.refused(w, r, err) {
		return ver, casework.ItemVersion{}, false
	}
	dept, _, err := s.itemDepartment(r.Context(), ver.Department)
	if s.refused(w, r, err) {
		return ver, casework.ItemVersion{}, false
	}
	if !auth.CanRegisterAtWindow(u, dept) {
		s.forbidden(w, r)
		return ver, casework.ItemVersion{}, false
	}
	item, err := s.caseItem(r.Context(), ver)
	if s.refused(w, r, err) {
		return ver, item, false
	}
	return ver, item, true
}

func (s *Server) renderWindow(w http.ResponseWriter, r *http.Request, status int, ver catalog.Version, values catalog.Values, idNumber, idProblem string, inv *casework.InvalidError) {
	v := s.newView(r)
	a := newApplication(v, ver, values, nil, inv)
	a.Action, a.Window, a.IDNumber = "/window/register?item="+urlQueryEscape(ver.Code), true, idNumber
	if idProblem != "" {
		a.IDProblem = v.T(idProblem)
		a.Problems++
	}
	v.Data = a
	s.render(w, r, status, "case_window", v)
}

// caseWindowForm is the blank walk-in registration form of an item.
func (s *Server) caseWindowForm(w http.ResponseWriter, r *http.Request, u org.User) {
	ver, _, ok := s.windowItem(w, r, u)
	if !ok {
		return
	}
	s.renderWindow(w, r, http.StatusOK, ver, nil, "", "", nil)
}

// caseWindowRegister receives a walk-in application (窗口受理): the applicant
// identified by resident ID number, the form and scanned materials entered
// by the clerk. It is numbered like an online one, channel window.
func (s *Server) caseWindowRegister(w http.ResponseWriter, r *http.Request, u org.User) {
	ver, item, ok := s.windowItem(w, r, u)
	if !ok {
		return
	}
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, applicationMaxBody(item))
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.renderWindow(w, r, http.StatusRequestEntityTooLarge, ver, nil, "", "",
			&casework.InvalidError{Materials: map[int]string{-1: "case.upload.too_large"}})
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	values := formValues(r.Form)
	idNumber := strings.TrimSpace(r.FormValue("id_number"))
	files, err := postedFiles(r.MultipartForm, len(item.Materials))
	if s.refused(w, r, err) {
		return
	}
	var uploads []casework.Upload
	for _, f := range files {
		uploads = append(uploads, casework.Upload{Slot: f.slot, Filename: f.filename, Data: f.data})
	}
	// Nobody found by the number is one more problem of the application,
	// which casework tells with all the others.
	applicant, err := s.cfg.Org.ApplicantByIDNumber(ctx, idNumber)
	if err != nil && !errors.Is(err, org.ErrNotFound) {
		s.internalError(w, r, err)
		return
	}
	clean, problems := ver.Form.Clean(values)
	form := casework.Form(values)
	if len(problems) == 0 {
		form = casework.Form(clean)
	}
	cs, err := s.cfg.Casework.Register(ctx, u, applicant, item, form, uploads)
	var inv *casework.InvalidError
	if errors.As(err, &inv) {
		s.renderWindow(w, r, http.StatusUnprocessableEntity, ver, values, idNumber, inv.Applicant, inv)
		return
	}
	if s.refused(w, r, err) {
		return
	}
	s.redirect(w, r, "/cases/"+string(cs.Number)+"/receipt", "case.submitted")
}
