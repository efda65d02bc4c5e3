package portal

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/web/published"
)

// apply starts an application of the item's current version and opens
// it as a draft, the applicant's name, ID number and mobile filled in.
func (h *Handler) apply(w http.ResponseWriter, r *http.Request, u org.User) {
	ver, err := published.Item(r, h.Catalog)
	if h.pages.Refused(w, r, err) {
		return
	}
	item, err := h.items.Item(r.Context(), ver)
	if h.pages.Refused(w, r, err) {
		return
	}
	d, err := h.Casework.CreateDraft(r.Context(), u, item)
	if key := refuse.Reason(err); errors.Is(err, refuse.ErrForbidden) && key != "" {
		h.pages.Redirect(w, r, "/items/"+ver.Code, key) // the guide says why
		return
	}
	if h.pages.Refused(w, r, err) {
		return
	}
	// The form starts with what the applicant's account already says of them.
	if known := ver.Form.Prefill(u); len(known) > 0 {
		err := h.Casework.SaveDraft(r.Context(), u.Username, u.ID, d.ID, casework.Form(known))
		if h.pages.Refused(w, r, err) {
			return
		}
	}
	h.pages.Redirect(w, r, "/drafts/"+d.ID, "")
}
