package portal

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/page"
)

// mineData is "my cases" (我的办件): a page of the applicant's cases and
// their drafts.
type mineData struct {
	Cases  []mineCase
	Pager  page.Pager
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

// mine lists a page of the applicant's own cases, newest first, then
// drafts; the items' names are read once for the page.
func (h *Handler) mine(w http.ResponseWriter, r *http.Request, u org.User) {
	ctx := r.Context()
	req, err := keyset.FromQuery(r.URL.Query(), casework.MineOrderColumns)
	if h.pages.Refused(w, r, err) {
		return
	}
	cases, err := h.Casework.Mine(ctx, u.ID, req)
	if h.pages.Refused(w, r, err) {
		return
	}
	drafts, err := h.Casework.Drafts(ctx, u.ID)
	if h.pages.Refused(w, r, err) {
		return
	}
	var refs []catalog.VersionRef
	for _, cs := range cases.Items {
		refs = append(refs, catalog.VersionRef{Code: cs.ItemCode, Version: cs.ItemVersion})
	}
	for _, dr := range drafts {
		refs = append(refs, catalog.VersionRef{Code: dr.ItemCode, Version: dr.ItemVersion})
	}
	v := h.pages.NewView(r)
	title, err := itempage.Titles(ctx, h.Catalog, v, refs)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	d := mineData{Pager: page.PagerOf(r, cases)}
	for _, cs := range cases.Items {
		d.Cases = append(d.Cases, mineCase{Case: cs, Title: title(catalog.VersionRef{Code: cs.ItemCode, Version: cs.ItemVersion}, cs.ItemName),
			Submitted: page.Time(cs.SubmittedAt), Updated: page.Time(cs.UpdatedAt)})
	}
	for _, dr := range drafts {
		d.Drafts = append(d.Drafts, mineDraft{ID: dr.ID, Title: title(catalog.VersionRef{Code: dr.ItemCode, Version: dr.ItemVersion}, dr.ItemCode),
			Updated: page.Time(dr.UpdatedAt)})
	}
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.caseMine, v)
}
