package office

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// caseSpecialEnd ends a special procedure of the case: the handler's.
func (h *Handler) caseSpecialEnd(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "result")
	n, err := apply.CaseNumber(r)
	id, perr := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || perr != nil {
		h.pages.NotFound(w, r)
		return
	}
	_, err = h.Casework.EndSpecial(r.Context(), u, n, id, v.Value("result"))
	h.handled(w, r, u, v, "end", err, "handling.special.ended_ok")
}
