package portal

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/published"
)

// portalFormData is an item's application form, blank or being checked.
type portalFormData struct {
	Guide    itempage.Guide
	Form     itempage.Form
	Checked  bool // answers were checked and found complete
	Problems int
}

// itemForm shows an item's application form (申请表), blank, to print or
// to try before applying.
func (h *Handler) itemForm(w http.ResponseWriter, r *http.Request) {
	h.renderForm(w, r, nil, false)
}

// itemFormCheck checks answers against the form and shows each problem
// beside its field, keeping what was typed. It stores nothing.
func (h *Handler) itemFormCheck(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusRequestEntityTooLarge), http.StatusRequestEntityTooLarge)
		return
	}
	values := itempage.Values(r.PostForm)
	h.renderForm(w, r, values, true)
}

func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, values catalog.Values, check bool) {
	ver, err := published.Item(r, h.Catalog)
	if h.pages.Refused(w, r, err) {
		return
	}
	v := h.pages.NewView(r)
	g, err := itempage.LoadGuide(r.Context(), h.Org, v, ver, h.Now())
	if err != nil {
		h.pages.InternalError(w, r, err)
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
	d.Form = itempage.NewForm(v, ver.Form, values, problems)
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.portalForm, v)
}
