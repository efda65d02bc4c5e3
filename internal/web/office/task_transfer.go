package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskTransfer hands a task to a colleague of the department (转办).
func (h *Handler) taskTransfer(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskAct(w, r, u, tasks.Transfer)
}
