package office

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/itempage"
)

// windowItem finds the item a window registration is for and checks the
// clerk may register it; it reports whether it answered.
func (h *Handler) windowItem(w http.ResponseWriter, r *http.Request, u org.User) (catalog.Version, casework.ItemVersion, bool) {
	code := r.URL.Query().Get("item")
	ver, err := h.Catalog.Current(r.Context(), code)
	if err == nil {
		err = ver.Open()
	}
	if h.pages.Refused(w, r, err) {
		return ver, casework.ItemVersion{}, false
	}
	dept, _, err := h.items.Department(r.Context(), ver.Department)
	if h.pages.Refused(w, r, err) {
		return ver, casework.ItemVersion{}, false
	}
	if !auth.CanRegisterAtWindow(u, dept) {
		h.pages.Forbidden(w, r)
		return ver, casework.ItemVersion{}, false
	}
	item, err := h.items.Item(r.Context(), ver)
	if h.pages.Refused(w, r, err) {
		return ver, item, false
	}
	return ver, item, true
}

func (h *Handler) renderWindow(w http.ResponseWriter, r *http.Request, status int, ver catalog.Version, values catalog.Values, idNumber, idProblem string, inv *casework.InvalidError) {
	v := h.pages.NewView(r)
	a := itempage.NewApplication(v, ver, values, nil, inv)
	a.Action = "/window/register?item=" + url.QueryEscape(ver.Code) + "&request=" + url.QueryEscape(apply.RequestID(r))
	a.Window, a.IDNumber = true, idNumber
	if idProblem != "" {
		a.IDProblem = v.T(idProblem)
		a.Problems++
	}
	v.Data = a
	h.pages.Render(w, r, status, h.tmpl.caseWindow, v)
}

// windowForm is the blank walk-in registration form of an item.
func (h *Handler) windowForm(w http.ResponseWriter, r *http.Request, u org.User) {
	ver, _, ok := h.windowItem(w, r, u)
	if !ok {
		return
	}
	h.renderWindow(w, r, http.StatusOK, ver, nil, "", "", nil)
}

// windowRegister receives a walk-in application (窗口受理): the applicant
// identified by resident ID number, the form and scanned materials entered
// by the clerk. It is numbered like an online one, channel window. The
// form's request id (apply.Once) makes a form sent twice register once.
func (h *Handler) windowRegister(w http.ResponseWriter, r *http.Request, u org.User) {
	ver, item, ok := h.windowItem(w, r, u)
	if !ok {
		return
	}
	ctx := r.Context()
	receive, end, ok := h.Once.BeginForm(w, r, h.pages, u.ID)
	if !ok {
		return
	}
	defer end()
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxBody(item))
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		h.renderWindow(w, r, http.StatusRequestEntityTooLarge, ver, nil, "", "",
			&casework.InvalidError{Materials: map[int]string{-1: "case.upload.too_large"}})
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	values := itempage.Values(r.Form)
	idNumber := strings.TrimSpace(r.FormValue("id_number"))
	files, err := itempage.PostedFiles(r.MultipartForm, len(item.Materials))
	if h.pages.Refused(w, r, err) {
		return
	}
	var uploads []casework.Upload
	for _, f := range files {
		uploads = append(uploads, casework.Upload{Slot: f.Slot, Filename: f.Filename, Data: f.Data})
	}
	// Nobody found by the number is one more problem of the application,
	// which casework tells with all the others.
	applicant, err := h.Org.ApplicantByIDNumber(ctx, idNumber)
	if err != nil && !errors.Is(err, org.ErrNotFound) {
		h.pages.InternalError(w, r, err)
		return
	}
	clean, problems := ver.Form.Clean(values)
	form := casework.Form(values)
	if len(problems) == 0 {
		form = casework.Form(clean)
	}
	cs, err := h.Casework.Register(receive, u, applicant, item, form, uploads)
	if err != nil && h.Once.MadeMeanwhile(w, r, h.pages, u.ID) {
		return
	}
	var inv *casework.InvalidError
	if errors.As(err, &inv) {
		h.renderWindow(w, r, http.StatusUnprocessableEntity, ver, values, idNumber, inv.Applicant, inv)
		return
	}
	if h.pages.Refused(w, r, err) {
		return
	}
	h.pages.Redirect(w, r, "/cases/"+string(cs.Number)+"/receipt", "case.submitted")
}
