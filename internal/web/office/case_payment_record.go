package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// casePaymentRecord records the payment of the fees due: the window
// clerk's, for the amount received in yuan and the receipt number.
func (h *Handler) casePaymentRecord(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "amount", "reference")
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	amount, ok := fen(v.Value("amount"))
	if !ok {
		h.handled(w, r, u, v, "payment", &refuse.Error{Kind: refuse.ErrInvalid, Text: "office: an amount that is no amount",
			Key: "handling.page.amount_paid"}, "")
		return
	}
	_, err = h.Casework.RecordPayment(r.Context(), u, n, amount, v.Value("reference"))
	h.handled(w, r, u, v, "payment", err, "handling.payment.recorded")
}
