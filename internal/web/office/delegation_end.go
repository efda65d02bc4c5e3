package office

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// delegationEnd ends one of the user's own delegations now.
func (h *Handler) delegationEnd(w http.ResponseWriter, r *http.Request, u org.User) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.pages.NotFound(w, r)
		return
	}
	p := h.Processes
	del, err := p.Delegation(r.Context(), id)
	if errors.Is(err, process.ErrNotFound) || err == nil && del.User != u.Username && del.Deputy != u.Username {
		h.pages.NotFound(w, r)
		return
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	if !auth.CanEndDelegation(u, del.User) {
		h.pages.Forbidden(w, r)
		return
	}
	_, err = p.EndDelegation(r.Context(), u.Username, id)
	switch {
	case errors.Is(err, process.ErrDelegationOver):
		h.pages.Redirect(w, r, "/delegations", "flow.delegation.already_over")
	case err != nil:
		h.pages.InternalError(w, r, err)
	default:
		h.pages.Redirect(w, r, "/delegations", "flow.delegation.ended")
	}
}
