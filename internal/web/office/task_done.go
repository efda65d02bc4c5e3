package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskDone is the staff member's done list (已办), the latest first.
func (h *Handler) taskDone(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskList(w, r, u, tasks.Done)
}
