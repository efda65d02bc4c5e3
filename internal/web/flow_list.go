package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// flowListRow is one process key with its versions, newest first.
type flowListRow struct {
	Key       string
	Name      string
	Scope     string
	Versions  []process.Info
	Published int // the version new cases start on, 0 if none
	CanEdit   bool
}

type flowListPage struct {
	Open        []caseTaskRow // the department's open tasks, for its administrator to look into
	Rows        []flowListRow
	Scopes      []flowScopeOption // where u may create or import
	ImportError string            // the parser's own words, beside the translated message
}

func (s *Server) flowList(w http.ResponseWriter, r *http.Request, u org.User) {
	s.flowListPage(w, r, u, s.newView(r), http.StatusOK)
}

func (s *Server) flowListPage(w http.ResponseWriter, r *http.Request, u org.User, v *view, status int) {
	if !auth.CanOpenProcesses(u) {
		s.forbidden(w, r)
		return
	}
	ctx := r.Context()
	infos, err := s.processes().List(ctx)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	sc := s.newFlowScopes(ctx)
	d, _ := v.Data.(flowListPage)
	for _, in := range infos { // by key, newest version first
		if n := len(d.Rows); n > 0 && d.Rows[n-1].Key == in.Key {
			d.Rows[n-1].Versions = append(d.Rows[n-1].Versions, in)
			continue
		}
		if sc.canSee(u, in.Scope) {
			d.Rows = append(d.Rows, flowListRow{Key: in.Key, Name: in.Name, Scope: sc.label(v, in.Scope),
				Versions: []process.Info{in}, CanEdit: sc.canEdit(u, in.Scope)})
		}
	}
	for i := range d.Rows {
		for _, in := range d.Rows[i].Versions {
			if in.Status == process.StatusPublished && d.Rows[i].Published == 0 {
				d.Rows[i].Published = in.Version
			}
		}
	}
	if d.Scopes, err = sc.options(v, u); err != nil {
		s.internalError(w, r, err)
		return
	}
	if auth.CanChangeCase(u, u.DepartmentID) {
		open, err := s.processes().OpenTasksOfDepartment(ctx, u.DepartmentID)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		for _, t := range open {
			d.Open = append(d.Open, caseTaskRow{TaskEntry: t, Opened: localTime(t.CreatedAt)})
		}
	}
	v.Data = d
	s.render(w, r, status, "flow_list", v)
}
