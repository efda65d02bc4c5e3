package portal

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/page"
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

// mine lists the applicant's own cases, newest first, then drafts.
func (h *Handler) mine(w http.ResponseWriter, r *http.Request, u org.User) {
	ctx := r.Context()
	cases, err := h.Casework.Mine(ctx, u.ID)
	if h.pages.Refused(w, r, err) {
		return
	}
	drafts, err := h.Casework.Drafts(ctx, u.ID)
	if h.pages.Refused(w, r, err) {
		return
	}
	v := h.pages.NewView(r)
	d := mineData{}
	for _, cs := range cases {
		d.Cases = append(d.Cases, mineCase{Case: cs, Title: itempage.Title(ctx, h.Catalog, v, cs.ItemCode, cs.ItemVersion, cs.ItemName),
			Submitted: page.Time(cs.SubmittedAt), Updated: page.Time(cs.UpdatedAt)})
	}
	for _, dr := range drafts {
		d.Drafts = append(d.Drafts, mineDraft{ID: dr.ID, Title: itempage.Title(ctx, h.Catalog, v, dr.ItemCode, dr.ItemVersion, dr.ItemCode), Updated: page.Time(dr.UpdatedAt)})
	}
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.caseMine, v)
}
