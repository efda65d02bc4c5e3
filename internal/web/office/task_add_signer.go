package office

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
)

// taskAddSigner adds a signer to the countersign the task belongs to (加签).
func (h *Handler) taskAddSigner(w http.ResponseWriter, r *http.Request, u org.User) {
	h.taskAct(w, r, u, tasks.AddSigner)
}
