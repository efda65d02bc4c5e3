package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/catalog"
)

// portalFormData is an item's application form, blank or being checked.
type portalFormData struct {
	Guide    guideData
	Form     formView
	Checked  bool // answers were checked and found complete
	Problems int
}

// maxFormBody bounds a posted application form; materials are uploaded
// elsewhere.
const maxFormBody = 1 << 20

// portalForm shows an item's application form (申请表), blank, to print or
// to try before applying.
func (s *Server) portalForm(w http.ResponseWriter, r *http.Request) {
	s.renderForm(w, r, nil, false)
}

// portalFormCheck checks answers against the form and shows each problem
// beside its field, keeping what was typed. It stores nothing.
func (s *Server) portalFormCheck(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusRequestEntityTooLarge), http.StatusRequestEntityTooLarge)
		return
	}
	values := formValues(r.PostForm)
	s.renderForm(w, r, values, true)
}

func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, values catalog.Values, check bool) {
	ver, err := s.lookupItem(r)
	if s.refused(w, r, err) {
		return
	}
	v := s.newView(r)
	g, err := s.guide(r, v, ver)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	d := portalFormData{Guide: g}
	status := http.StatusOK
	var problems map[string]catalog.Problem
	if check {
		problems = ver.Form.Validate(values)
		d.Problems, d.Checked = len(problems), len(problems) == 0
		if len(problems) > 0 {
			status = http.StatusUnprocessableEntity
		}
	}
	d.Form = newFormView(v, ver.Form, values, problems)
	v.Data = d
	s.render(w, r, status, "portal_form", v)
}
