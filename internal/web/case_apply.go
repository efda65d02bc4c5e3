package web

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
)

// caseApply starts an application of the item's current version and opens
// it as a draft.
func (s *Server) caseApply(w http.ResponseWriter, r *http.Request, u org.User) {
	ver, err := s.lookupItem(r)
	if s.refused(w, r, err) {
		return
	}
	item, err := s.caseItem(r.Context(), ver)
	if s.refused(w, r, err) {
		return
	}
	d, err := s.cfg.Casework.CreateDraft(r.Context(), u, item)
	if key := refuse.Reason(err); errors.Is(err, refuse.ErrForbidden) && key != "" {
		s.redirect(w, r, "/items/"+ver.Code, key) // the guide says why
		return
	}
	if s.refused(w, r, err) {
		return
	}
	s.redirect(w, r, "/drafts/"+d.ID, "")
}
