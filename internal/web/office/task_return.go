package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskReturn returns the case from a task to an earlier step (退回), with a reason.
func (h *Handler) taskReturn(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskAct(w, r, u, tasks.Return)
}
