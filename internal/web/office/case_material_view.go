package office

import (
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// caseMaterialPage shows one material of a case inline: an image as an image, a PDF in
// the browser's own viewer, anything else as a download.
type caseMaterialPage struct {
	Case     casework.Number
	Material casework.Material
	Kind     string // image, pdf, other
}

// caseMaterialView is a material of a case a staff member or supervisor may read.
func (h *Handler) caseMaterialView(w http.ResponseWriter, r *http.Request, u org.User) {
	m, ok := h.readableMaterial(w, r, u)
	if !ok {
		return
	}
	v := h.pages.NewView(r)
	v.Data = caseMaterialPage{Case: casework.Number(r.PathValue("number")), Material: m, Kind: materialKind(m.ContentType)}
	w.Header().Set("Content-Security-Policy", casePagePolicy)
	h.pages.Render(w, r, http.StatusOK, h.tmpl.caseMaterial, v)
}

// readableMaterial finds the material the path names on a case u may read; anything
// else is answered not found.
func (h *Handler) readableMaterial(w http.ResponseWriter, r *http.Request, u org.User) (casework.Material, bool) {
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return casework.Material{}, false
	}
	cv, err := h.tasks.Case(r.Context(), u, n)
	if h.pages.Refused(w, r, err) {
		return casework.Material{}, false
	}
	for _, m := range cv.Case.Materials {
		if m.SHA256 == r.PathValue("sha") {
			return m, true
		}
	}
	h.pages.NotFound(w, r)
	return casework.Material{}, false
}

func materialKind(contentType string) string {
	switch {
	case strings.HasPrefix(contentType, "image/"):
		return "image"
	case contentType == "application/pdf":
		return "pdf"
	}
	return "other"
}
