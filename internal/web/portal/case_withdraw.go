package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// caseWithdraw withdraws the applicant's own undecided case (撤回).
func (h *Handler) caseWithdraw(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		// The department is told why; a withdrawal without a reason is
		// not taken.
		if _, err := h.Casework.CaseOf(r.Context(), u.ID, n); h.pages.Refused(w, r, err) {
			return
		}
		h.pages.Redirect(w, r, "/cases/"+string(n), "case.withdraw.reason_required")
		return
	}
	err = h.Casework.Withdraw(r.Context(), u.Username, u.ID, n, reason)
	if errors.Is(err, casework.ErrNotWithdrawable) {
		h.pages.Redirect(w, r, "/cases/"+string(n), "case.withdraw.too_late")
		return
	}
	if h.pages.Refused(w, r, err) {
		return
	}
	h.pages.Redirect(w, r, "/cases/"+string(n), "case.withdraw.done")
}
