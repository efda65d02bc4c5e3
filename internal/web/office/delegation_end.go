package office

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// delegationEnd ends one of the user's own delegations now; process refuses any other
// (not found when the user is not in it, forbidden for its deputy).
func (h *Handler) delegationEnd(w http.ResponseWriter, r *http.Request, u org.User) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.pages.NotFound(w, r)
		return
	}
	_, err = h.Processes.EndDelegation(r.Context(), u, id)
	switch {
	case errors.Is(err, process.ErrDelegationOver):
		h.pages.Redirect(w, r, "/delegations", "flow.delegation.already_over")
	case err != nil:
		h.pages.Refused(w, r, err)
	default:
		h.pages.Redirect(w, r, "/delegations", "flow.delegation.ended")
	}
}
