package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
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
func (s *Server) loadOrgPage(r *http.Request, u org.User) (orgPageData, error) {
	ctx := r.Context()
	d := orgPageData{Levels: []org.Level{org.Province, org.City, org.County, org.Township}}
	reach, err := auth.ReachOf(ctx, s.cfg.Org, u)
	if err != nil {
		return d, err
	}
	d.Regions, d.Departments = reach.Regions, reach.Departments
	centres, err := s.cfg.Org.Centres(ctx, u.RegionCode)
	if err != nil {
		return d, err
	}
	for _, c := range centres {
		ws, err := s.cfg.Org.Windows(ctx, c.ID)
		if err != nil {
			return d, err
		}
		d.Centres = append(d.Centres, centreWithWindows{Centre: c, Windows: ws})
	}
	return d, nil
}

// orgPage renders one of the organisation pages, with the form's problems.
func (s *Server) orgPage(w http.ResponseWriter, r *http.Request, u org.User, name string, v *view, status int) {
	if u.Role != org.RoleSysAdmin {
		s.forbidden(w, r)
		return
	}
	d, err := s.loadOrgPage(r, u)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v.Data = d
	s.render(w, r, status, name, v)
}

// mayManageRegion checks that code names a region inside the admin's scope.
func (s *Server) mayManageRegion(r *http.Request, u org.User, code string) bool {
	reg, err := s.cfg.Org.Region(r.Context(), code)
	return err == nil && auth.CanManageOrg(u, reg)
}

// orgChangeResult turns a domain error into a form problem, a re-render, or
// success; it reports whether the handler is done.
func (s *Server) orgChangeResult(w http.ResponseWriter, r *http.Request, u org.User, page string, v *view, err error, flash string) {
	var inv *org.InvalidError
	switch {
	case errors.As(err, &inv):
		v.Errors[inv.Field] = inv.Key
	case errors.Is(err, org.ErrConflict):
		v.Errors["code"] = "form.duplicate"
	case err != nil:
		s.internalError(w, r, err)
		return
	default:
		s.redirect(w, r, "/admin/"+page, flash)
		return
	}
	s.orgPage(w, r, u, "admin_"+page, v, http.StatusUnprocessableEntity)
}

// orgForm is a system administrator's form that creates something in a
// region of their scope: the region named by regionField must be one they
// manage (else outsideKey beside that field), then create runs.
type orgForm struct {
	page        string // regions, departments, centres
	fields      []string
	regionField string
	outsideKey  string
	create      func(ctx context.Context, actor string, v *view) error
}

func (s *Server) orgCreate(w http.ResponseWriter, r *http.Request, u org.User, f orgForm) {
	v := s.newView(r)
	keepForm(r, v, f.fields...)
	if u.Role != org.RoleSysAdmin {
		s.forbidden(w, r)
		return
	}
	if !s.mayManageRegion(r, u, v.Value(f.regionField)) {
		v.Errors[f.regionField] = f.outsideKey
		s.orgPage(w, r, u, "admin_"+f.page, v, http.StatusUnprocessableEntity)
		return
	}
	s.orgChangeResult(w, r, u, f.page, v, f.create(r.Context(), u.Username, v), "admin.saved")
}

// keepForm copies the named fields of the posted form into the view.
func keepForm(r *http.Request, v *view, fields ...string) {
	r.ParseForm()
	for _, f := range fields {
		v.Form.Set(f, r.PostForm.Get(f))
	}
}
