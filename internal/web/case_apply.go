package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

// caseApply starts an application of the item's current version and opens
// it as a draft.
func (s *Server) caseApply(w http.ResponseWriter, r *http.Request, u org.User) {
	ver, err := s.lookupItem(r)
	if s.caseFailed(w, r, err) {
		return
	}
	if key := audienceRefusal(ver, u.ApplicantKind); key != "" {
		s.redirect(w, r, "/items/"+ver.Code, key)
		return
	}
	item, err := s.caseItem(r.Context(), ver)
	if s.caseFailed(w, r, err) {
		return
	}
	d, err := s.cfg.Casework.CreateDraft(r.Context(), u.Username, u.ID, item)
	if s.caseFailed(w, r, err) {
		return
	}
	s.redirect(w, r, "/drafts/"+d.ID, "")
}
