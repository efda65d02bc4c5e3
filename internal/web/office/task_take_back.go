package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskTakeBack takes back the user's own completion (收回) while nobody has acted on what it started.
func (h *Handler) taskTakeBack(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskAct(w, r, u, tasks.TakeBack)
}
