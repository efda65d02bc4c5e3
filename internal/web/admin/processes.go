package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/staffnames"
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

// openTaskRow is an open task of the department with the instant it
// opened, in China's time.
type openTaskRow struct {
	process.TaskEntry
	Opened string
	Holder string // by name
}

type flowListPage struct {
	Open        []openTaskRow // the first page of the department's open tasks, for its administrator to look into
	OpenTotal   int           // how many there are: the rest are under /tasks/department
	Rows        []flowListRow
	Scopes      []flowScopeOption // where u may create or import
	ImportError string            // the parser's own words, beside the translated message
}

func (h *Handler) flowList(w http.ResponseWriter, r *http.Request, u org.User) {
	h.flowListPage(w, r, u, h.pages.NewView(r), http.StatusOK)
}

func (h *Handler) flowListPage(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, status int) {
	if !auth.CanOpenProcesses(u) {
		h.pages.Forbidden(w, r)
		return
	}
	ctx := r.Context()
	infos, err := h.processes.List(ctx)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	sc := h.newFlowScopes(ctx)
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
		h.pages.InternalError(w, r, err)
		return
	}
	if auth.CanChangeCase(u, u.DepartmentID) {
		// The soonest due first, one page: the whole list pages under /tasks/department.
		open, err := h.processes.DepartmentQueue(ctx, u.DepartmentID, process.QueueFilter{})
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		d.OpenTotal = open.Total
		names, err := staffnames.Load(ctx, h.org, staffnames.InTasks(open.Tasks)...)
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		for _, t := range open.Tasks {
			d.Open = append(d.Open, openTaskRow{TaskEntry: t, Opened: page.Time(t.CreatedAt), Holder: names.Holder(t)})
		}
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.flowList, v)
}
