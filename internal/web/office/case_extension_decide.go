package office

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// caseExtensionDecide approves or refuses an extension: the approver's.
func (h *Handler) caseExtensionDecide(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "decision", "note")
	n, err := apply.CaseNumber(r)
	id, perr := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || perr != nil {
		h.pages.NotFound(w, r)
		return
	}
	approve := v.Value("decision") == "approve"
	_, err = h.Casework.DecideExtension(r.Context(), u, n, id, approve, v.Value("note"))
	done := "handling.extension.refused_ok"
	if approve {
		done = "handling.extension.approved_ok"
	}
	h.handled(w, r, u, v, "decision", err, done)
}
