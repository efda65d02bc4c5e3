package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskClaim claims a task (签收): one of a role's holders makes it theirs alone.
func (h *Handler) taskClaim(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskAct(w, r, u, tasks.Claim)
}
