package office

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/tasks"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// opinionCorrect asks to replace the user's own signed opinion: the opinion stays as
// signed, and the correction supersedes it once an approver consents.
func (h *Handler) opinionCorrect(w http.ResponseWriter, r *http.Request, u org.User) {
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "request", "opinion", "reason")
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	task := r.PathValue("task")
	c := tasks.Correction{Case: n, TaskID: task, Opinion: v.Value("opinion"), Reason: v.Value("reason")}
	if req := v.Value("request"); req != "" {
		c.RequestID = req + ":correct:" + task
	}
	_, err = h.tasks.Correct(r.Context(), u, c)
	back := "/office/cases/" + string(n)
	var rf *refuse.Error
	switch {
	case err == nil:
		h.pages.Redirect(w, r, back, "task.opinion.requested")
	case errors.Is(err, refuse.ErrInvalid) && errors.As(err, &rf):
		v.Errors[rf.Field] = rf.Key
		v.Form.Set("form", "correct-"+task)
		h.caseStaffRender(w, r, u, v, http.StatusUnprocessableEntity)
	case errors.Is(err, refuse.ErrConflict):
		h.pages.Redirect(w, r, back, refuse.Reason(err))
	default:
		h.pages.Refused(w, r, err)
	}
}
