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

// taskFields are the fields of the action forms on the staff case page.
var taskFields = []string{"request", "outcome", "opinion", "to_node", "to_user", "signer", "reason"}

// taskAct does one action on a task of the case the path names, as the posted form
// says. The form's request id makes a form sent twice act once. Done, the staff member
// goes back to their to-do (or, having claimed, stays on the case); a form that is not
// complete comes back as typed with the problem beside it; a task someone else has
// acted on meanwhile says so.
func (h *Handler) taskAct(w http.ResponseWriter, r *http.Request, u org.User, kind tasks.Kind) {
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	v := h.pages.NewView(r)
	page.KeepForm(r, v, taskFields...)
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	task := r.PathValue("task")
	a := tasks.Action{Kind: kind, Case: n, TaskID: task, Outcome: v.Value("outcome"), Opinion: v.Value("opinion"),
		ToNode: v.Value("to_node"), ToUser: v.Value("to_user"), Signer: v.Value("signer"), Reason: v.Value("reason")}
	if req := v.Value("request"); req != "" {
		a.RequestID = req + ":" + string(kind) + ":" + task
	}
	_, err = h.tasks.Act(r.Context(), u, a)
	back := "/office/cases/" + string(n)
	var rf *refuse.Error
	switch {
	case err == nil && kind == tasks.Claim:
		h.pages.Redirect(w, r, back, "task.done.claim")
	case err == nil:
		h.pages.Redirect(w, r, "/tasks", "task.done."+string(kind))
	case errors.Is(err, refuse.ErrInvalid) && errors.As(err, &rf):
		v.Errors[rf.Field] = rf.Key
		v.Form.Set("form", string(kind)+"-"+task)
		h.caseStaffRender(w, r, u, v, http.StatusUnprocessableEntity)
	case errors.Is(err, refuse.ErrConflict):
		h.pages.Redirect(w, r, back, refuse.Reason(err))
	default:
		h.pages.Refused(w, r, err)
	}
}
