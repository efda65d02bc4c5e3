package admin

import (
	"context"
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

// orgPageData is shared by the region, department and centre pages: the
// tree the administrator may manage.
type orgPageData struct {
	Regions     []org.Region
	Departments []org.Department
	Centres     []centreWithWindows
	Levels      []org.Level
}

type centreWithWindows struct {
	org.Centre
	Windows []org.Window
}

// loadOrgPage gathers the administrator's part of the organisation.
func (h *Handler) loadOrgPage(r *http.Request, u org.User) (orgPageData, error) {
	ctx := r.Context()
	d := orgPageData{Levels: []org.Level{org.Province, org.City, org.County, org.Township}}
	reach, err := auth.ReachOf(ctx, h.org, u)
	if err != nil {
		return d, err
	}
	d.Regions, d.Departments = reach.Regions, reach.Departments
	centres, err := h.org.Centres(ctx, u.RegionCode)
	if err != nil {
		return d, err
	}
	for _, c := range centres {
		ws, err := h.org.Windows(ctx, c.ID)
		if err != nil {
			return d, err
		}
		d.Centres = append(d.Centres, centreWithWindows{Centre: c, Windows: ws})
	}
	return d, nil
}

// orgPage renders one of the organisation pages, with the form's problems.
func (h *Handler) orgPage(w http.ResponseWriter, r *http.Request, u org.User, name string, v *page.View, status int) {
	if u.Role != org.RoleSysAdmin {
		h.pages.Forbidden(w, r)
		return
	}
	d, err := h.loadOrgPage(r, u)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.orgTemplate(name), v)
}

// mayManageRegion checks that code names a region inside the admin's scope.
func (h *Handler) mayManageRegion(r *http.Request, u org.User, code string) bool {
	reg, err := h.org.Region(r.Context(), code)
	return err == nil && auth.CanManageOrg(u, reg)
}

// orgChangeResult turns a domain error into a form problem, a re-render, or
// success; it reports whether the handler is done.
func (h *Handler) orgChangeResult(w http.ResponseWriter, r *http.Request, u org.User, page string, v *page.View, err error, flash string) {
	var inv *org.InvalidError
	switch {
	case errors.As(err, &inv):
		v.Errors[inv.Field] = inv.Key
	case errors.Is(err, org.ErrConflict):
		v.Errors["code"] = "form.duplicate"
	case err != nil:
		h.pages.InternalError(w, r, err)
		return
	default:
		h.pages.Redirect(w, r, "/admin/"+page, flash)
		return
	}
	h.orgPage(w, r, u, "admin_"+page, v, http.StatusUnprocessableEntity)
}

// orgForm is a system administrator's form that creates something in a
// region of their scope: the region named by regionField must be one they
// manage (else outsideKey beside that field), then create runs.
type orgForm struct {
	page        string // regions, departments, centres
	fields      []string
	regionField string
	outsideKey  string
	create      func(ctx context.Context, actor string, v *page.View) error
}

func (h *Handler) orgCreate(w http.ResponseWriter, r *http.Request, u org.User, f orgForm) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, f.fields...)
	if u.Role != org.RoleSysAdmin {
		h.pages.Forbidden(w, r)
		return
	}
	if !h.mayManageRegion(r, u, v.Value(f.regionField)) {
		v.Errors[f.regionField] = f.outsideKey
		h.orgPage(w, r, u, "admin_"+f.page, v, http.StatusUnprocessableEntity)
		return
	}
	h.orgChangeResult(w, r, u, f.page, v, f.create(r.Context(), u.Username, v), "admin.saved")
}
