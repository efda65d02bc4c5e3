package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskToDo is the staff member's to-do (待办): their tasks and those they may claim,
// the least time left first.
func (h *Handler) taskToDo(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskList(w, r, u, tasks.ToDo)
}
