package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/shenpi/shenpi/internal/catalog"
)

// portalSearchData is a results page: what was asked and what was found.
type portalSearchData struct {
	Query      string
	Filter     catalog.Filter
	Department string // the filter's department, named
	Hits       []hitView
	Limit      int
}

const portalSearchLimit = 50

// searchFilter reads the browsing filter from a query string; unknown
// themes and audiences are ignored rather than refused, as links age.
func searchFilter(q map[string][]string) catalog.Filter {
	get := func(k string) string {
		if vs := q[k]; len(vs) > 0 {
			return strings.TrimSpace(vs[0])
		}
		return ""
	}
	f := catalog.Filter{Department: get("department")}
	if t := catalog.Theme(get("theme")); slices.Contains(catalog.Themes, t) {
		f.Theme = t
	}
	if a := catalog.Audience(get("audience")); a == catalog.AudienceCitizen || a == catalog.AudienceCompany {
		f.Audience = a
	}
	return f
}

// portalSearch finds published items by any fragment of their name,
// conditions or materials, or browses them by department, theme and
// applicant.
func (s *Server) portalSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := s.newView(r)
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	f := searchFilter(r.URL.Query())
	hits, err := s.itemCatalog().Search(ctx, q, f, portalSearchLimit)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	depts, err := s.departmentIndex(ctx)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v.Form.Set("q", q)
	d := portalSearchData{Query: q, Filter: f, Hits: hitViews(v, depts, hits), Limit: portalSearchLimit}
	if f.Department != "" {
		d.Department = depts.name(f.Department, v.Lang)
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "portal_search", v)
}
