package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// caseExtensionRequest asks the approver for an extension: the handler's.
func (h *Handler) caseExtensionRequest(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "days", "reason")
	n, err := apply.CaseNumber(r)
	if err == nil {
		_, err = h.Casework.RequestExtension(r.Context(), u, n, int(page.FormInt(v, "days")), v.Value("reason"))
	}
	h.handled(w, r, u, v, "extension", err, "handling.extension.requested")
}
