package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
)

// caseProcessLookup sends the administrator from a case number to its process page.
func (h *Handler) caseProcessLookup(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := casework.ParseNumber(r.URL.Query().Get("number"))
	if err != nil {
		h.pages.Redirect(w, r, "/admin/processes", "flow.case.unknown")
		return
	}
	http.Redirect(w, r, "/admin/cases/"+string(n)+"/process", http.StatusSeeOther)
}
