package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskComplete completes a task with an outcome and an opinion (意见) signed under the user's name.
func (h *Handler) taskComplete(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskAct(w, r, u, tasks.Complete)
}
