package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskDepartment is the department's open cases as its head sees them: every open
// task of the department, the least time left first.
func (h *Handler) taskDepartment(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskList(w, r, u, tasks.Department)
}

func canSeeDepartment(u org.User) bool { return auth.CanSeeDepartmentCases(u) }
