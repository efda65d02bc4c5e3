package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// caseSpecialStart starts a special procedure of the case: the handler's.
func (h *Handler) caseSpecialStart(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "kind", "expected_days", "reason")
	n, err := apply.CaseNumber(r)
	if err == nil {
		_, err = h.Casework.StartSpecial(r.Context(), u, n, casework.SpecialKind(v.Value("kind")), int(page.FormInt(v, "expected_days")), v.Value("reason"))
	}
	h.handled(w, r, u, v, "special", err, "handling.special.started")
}
