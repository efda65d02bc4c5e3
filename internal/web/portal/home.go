package portal

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/web/deptnames"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/messages"
)

// portalHomeData is the portal's front page: where to start looking.
type portalHomeData struct {
	Total    int
	Citizen  int
	Company  int
	Themes   []themeCount
	Regions  []regionDepartments
	MostUsed []itempage.Hit
}

type themeCount struct {
	Theme catalog.Theme
	Count int
}

type regionDepartments struct {
	Name        string
	Departments []departmentCount
}

type departmentCount struct {
	Code, Name string
	Count      int
}

// Home is the public front page: the search box, browsing by
// applicant, theme and department, and the most used items.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := h.pages.NewView(r)
	c := h.Catalog
	facets, err := c.Facets(ctx)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	top, err := c.MostUsed(ctx, 8)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	regions, err := h.Org.Regions(ctx, "")
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	depts, err := h.Org.Departments(ctx, "")
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	index := deptnames.Index{}
	d := portalHomeData{
		Total:   facets.Total,
		Citizen: facets.Audiences[catalog.AudienceCitizen] + facets.Audiences[catalog.AudienceBoth],
		Company: facets.Audiences[catalog.AudienceCompany] + facets.Audiences[catalog.AudienceBoth],
	}
	for _, t := range catalog.Themes {
		if n := facets.Themes[t]; n > 0 {
			d.Themes = append(d.Themes, themeCount{Theme: t, Count: n})
		}
	}
	// Departments with published items, under their regions in tree order.
	byRegion := map[string][]departmentCount{}
	for _, dep := range depts {
		index[dep.Code] = dep
		if n := facets.Departments[dep.Code]; n > 0 {
			byRegion[dep.RegionCode] = append(byRegion[dep.RegionCode], departmentCount{Code: dep.Code, Name: messages.InLang(v.Lang, dep.Name, dep.NameEn), Count: n})
		}
	}
	for _, reg := range regions {
		if ds := byRegion[reg.Code]; len(ds) > 0 {
			d.Regions = append(d.Regions, regionDepartments{Name: messages.InLang(v.Lang, reg.Name, reg.NameEn), Departments: ds})
		}
	}
	d.MostUsed = itempage.Hits(v, index, top)
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.portalHome, v)
}
