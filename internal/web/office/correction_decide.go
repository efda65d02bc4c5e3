package office

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// correctionDecide is an approver's consent to a correction of a signed opinion, or
// their refusal (seed 001 篇3 §17).
func (h *Handler) correctionDecide(w http.ResponseWriter, r *http.Request, u org.User) {
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.pages.NotFound(w, r)
		return
	}
	consent := r.PostFormValue("consent") == "yes"
	err = h.tasks.Decide(r.Context(), u, n, id, consent)
	back := "/office/cases/" + string(n)
	switch {
	case err == nil && consent:
		h.pages.Redirect(w, r, back, "task.opinion.consented")
	case err == nil:
		h.pages.Redirect(w, r, back, "task.opinion.refused")
	case errors.Is(err, refuse.ErrConflict):
		h.pages.Redirect(w, r, back, refuse.Reason(err))
	default:
		h.pages.Refused(w, r, err)
	}
}
