package office

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// caseFeesAssess assesses the case's fees from its item's list: the
// handler's. The form has an amount in yuan for each fee of the list
// (fee.N, empty for a fee not charged) and the working days to pay in.
func (h *Handler) caseFeesAssess(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	r.ParseForm()
	fields := []string{"pay_days"}
	for k := range r.PostForm {
		if strings.HasPrefix(k, "fee.") {
			fields = append(fields, k)
		}
	}
	page.KeepForm(r, v, fields...)
	cs, err := h.Casework.Case(r.Context(), n)
	if h.pages.Refused(w, r, err) {
		return
	}
	ver, err := h.Catalog.Version(r.Context(), cs.ItemCode, cs.ItemVersion)
	if h.pages.Refused(w, r, err) {
		return
	}
	sched := casework.FeesOf(ver)
	var lines []casework.FeeLine
	for i, f := range sched.Fees {
		typed := strings.TrimSpace(v.Value(fmt.Sprintf("fee.%d", i)))
		if typed == "" {
			continue
		}
		amount, ok := fen(typed)
		if !ok {
			h.handled(w, r, u, v, "fees", &refuse.Error{Kind: refuse.ErrInvalid, Text: "office: an amount that is no amount",
				Key: "handling.page.amount", Args: map[string]any{"Name": f.Name}}, "")
			return
		}
		lines = append(lines, casework.FeeLine{Name: f.Name, AmountFen: amount})
	}
	_, err = h.Casework.AssessFees(r.Context(), u, n, sched, lines, int(page.FormInt(v, "pay_days")))
	h.handled(w, r, u, v, "fees", err, "handling.fees.assessed")
}
