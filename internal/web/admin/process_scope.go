package admin

import (
	"context"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/page"
)

// A definition's scope travels in forms as "d:ID" (a department), "r:CODE" (a whole
// region) or "all" (every region).

// flowScopeOption is one choice of the scope select.
type flowScopeOption struct {
	Value, Label string
}

func flowScopeValue(sc process.Scope) string {
	switch {
	case sc.DepartmentID != 0:
		return "d:" + strconv.FormatInt(sc.DepartmentID, 10)
	case sc.RegionCode != "":
		return "r:" + sc.RegionCode
	}
	return "all"
}

func parseFlowScope(v string) (process.Scope, bool) {
	switch kind, rest, _ := strings.Cut(v, ":"); kind {
	case "d":
		id, err := strconv.ParseInt(rest, 10, 64)
		return process.Scope{DepartmentID: id}, err == nil && id > 0
	case "r":
		return process.Scope{RegionCode: rest}, rest != ""
	case "all":
		return process.Scope{}, true
	}
	return process.Scope{}, false
}

// flowScopes resolves scopes to what permissions and pages need, caching lookups for
// the length of one request.
type flowScopes struct {
	h     *Handler
	ctx   context.Context
	depts map[int64]org.Department
	paths map[string]org.Region
}

func (h *Handler) newFlowScopes(ctx context.Context) *flowScopes {
	return &flowScopes{h: h, ctx: ctx, depts: map[int64]org.Department{}, paths: map[string]org.Region{}}
}

func (f *flowScopes) region(code string) (org.Region, error) {
	if r, ok := f.paths[code]; ok {
		return r, nil
	}
	r, err := f.h.org.Region(f.ctx, code)
	if err == nil {
		f.paths[code] = r
	}
	return r, err
}

func (f *flowScopes) department(id int64) (org.Department, error) {
	if d, ok := f.depts[id]; ok {
		return d, nil
	}
	d, err := f.h.org.Department(f.ctx, id)
	if err == nil {
		f.depts[id] = d
	}
	return d, err
}

// path is the region path permissions are checked against; "" for every region.
func (f *flowScopes) path(sc process.Scope) (string, error) {
	code := sc.RegionCode
	if sc.DepartmentID != 0 {
		d, err := f.department(sc.DepartmentID)
		if err != nil {
			return "", err
		}
		code = d.RegionCode
	}
	if code == "" {
		return "", nil
	}
	r, err := f.region(code)
	return r.Path, err
}

func (f *flowScopes) canSee(u org.User, sc process.Scope) bool {
	p, err := f.path(sc)
	return err == nil && auth.CanSeeProcess(u, sc.DepartmentID, p)
}

func (f *flowScopes) canEdit(u org.User, sc process.Scope) bool {
	p, err := f.path(sc)
	return err == nil && auth.CanEditProcess(u, sc.DepartmentID, p)
}

// label names a scope for people.
func (f *flowScopes) label(v *page.View, sc process.Scope) string {
	switch {
	case sc.DepartmentID != 0:
		if d, err := f.department(sc.DepartmentID); err == nil {
			return v.T("flow.scope.department", "Name", d.Name)
		}
	case sc.RegionCode != "":
		if r, err := f.region(sc.RegionCode); err == nil {
			return v.T("flow.scope.region", "Name", r.Name)
		}
	default:
		return v.T("flow.scope.every")
	}
	return flowScopeValue(sc)
}

// options lists the scopes u may create definitions in: a department administrator's
// own department; for a system administrator every department and region of their
// scope, and every region when they work at province level.
func (f *flowScopes) options(v *page.View, u org.User) ([]flowScopeOption, error) {
	var out []flowScopeOption
	add := func(sc process.Scope) {
		if f.canEdit(u, sc) {
			out = append(out, flowScopeOption{Value: flowScopeValue(sc), Label: f.label(v, sc)})
		}
	}
	reach, err := auth.ReachOf(f.ctx, f.h.org, u)
	if err != nil {
		return nil, err
	}
	for _, d := range reach.Departments {
		f.depts[d.ID] = d
		f.paths[d.RegionCode] = reach.RegionOf(d)
		add(process.Scope{DepartmentID: d.ID})
	}
	for _, r := range reach.Regions {
		f.paths[r.Code] = r
		add(process.Scope{RegionCode: r.Code})
	}
	add(process.Scope{}) // every region: for a province-level administrator only
	return out, nil
}
