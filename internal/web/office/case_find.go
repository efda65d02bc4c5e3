package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
)

// caseFind sends staff and supervisors from a case number to its staff case page;
// whether they may read it, that page decides.
func (h *Handler) caseFind(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := casework.ParseNumber(r.URL.Query().Get("number"))
	if err != nil {
		h.pages.NotFound(w, r)
		return
	}
	http.Redirect(w, r, "/office/cases/"+string(n), http.StatusSeeOther)
}
