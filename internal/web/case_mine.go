package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
)

// mineData is "my cases" (我的办件): the applicant's cases and drafts.
type mineData struct {
	Cases  []mineCase
	Drafts []mineDraft
}

type mineCase struct {
	casework.Case
	Title     string
	Submitted string
	Updated   string
}

type mineDraft struct {
	ID      string
	Title   string
	Updated string
}

// caseMine lists the applicant's own cases, newest first, then drafts.
func (s *Server) caseMine(w http.ResponseWriter, r *http.Request, u org.User) {
	ctx := r.Context()
	cases, err := s.cfg.Casework.Mine(ctx, u.ID)
	if s.refused(w, r, err) {
		return
	}
	drafts, err := s.cfg.Casework.Drafts(ctx, u.ID)
	if s.refused(w, r, err) {
		return
	}
	v := s.newView(r)
	d := mineData{}
	for _, cs := range cases {
		d.Cases = append(d.Cases, mineCase{Case: cs, Title: s.itemTitle(ctx, v, cs.ItemCode, cs.ItemVersion, cs.ItemName),
			Submitted: localTime(cs.SubmittedAt), Updated: localTime(cs.UpdatedAt)})
	}
	for _, dr := range drafts {
		d.Drafts = append(d.Drafts, mineDraft{ID: dr.ID, Title: s.itemTitle(ctx, v, dr.ItemCode, dr.ItemVersion, dr.ItemCode), Updated: localTime(dr.UpdatedAt)})
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "case_mine", v)
}
