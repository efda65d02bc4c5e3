package portal

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/web/deptnames"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/published"
)

// portalSearchData is a results page: what was asked and what was found.
type portalSearchData struct {
	Query      string
	Filter     catalog.Filter
	Department string // the filter's department, named
	Hits       []itempage.Hit
	Total      int    // items found in all
	From, To   int    // the hits on this page, counted from 1
	Prev, Next string // the neighbouring pages, "" at either end
}

// portalPageSize is the hits per page: a phone's screenful or two.
const portalPageSize = 20

// search finds published items by any fragment of their name,
// conditions or materials, or browses them by department, theme and
// applicant.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := h.pages.NewView(r)
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	f := published.Filter(r.URL.Query())
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 {
		page = 1 // a missing or mangled page number shows the first
	}
	res, err := h.Catalog.SearchPage(ctx, q, f, (page-1)*portalPageSize, portalPageSize)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	depts, err := deptnames.Load(ctx, h.Org)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	v.Form.Set("q", q)
	d := portalSearchData{Query: q, Filter: f, Hits: itempage.Hits(v, depts, res.Hits), Total: res.Total}
	if len(res.Hits) > 0 {
		d.From = (page-1)*portalPageSize + 1
		d.To = d.From + len(res.Hits) - 1
	}
	pageURL := func(n int) string {
		u := url.Values{}
		for k, v := range map[string]string{"q": q, "department": f.Department, "theme": string(f.Theme), "audience": string(f.Audience)} {
			if v != "" {
				u.Set(k, v)
			}
		}
		if n > 1 {
			u.Set("page", strconv.Itoa(n))
		}
		if len(u) == 0 {
			return "/portal/search"
		}
		return "/portal/search?" + u.Encode()
	}
	if page > 1 && d.From == 0 && res.Total > 0 {
		http.Redirect(w, r, pageURL(1), http.StatusSeeOther) // past the last page, as links age
		return
	}
	if page > 1 {
		d.Prev = pageURL(page - 1)
	}
	if d.To > 0 && d.To < res.Total {
		d.Next = pageURL(page + 1)
	}
	if f.Department != "" {
		d.Department = depts.Name(f.Department, v.Lang)
	}
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.portalSearch, v)
}
