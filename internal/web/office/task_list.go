package office

import (
	"net/http"
	"net/url"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
	"github.com/shenpi/shenpi/internal/web/page"
)

// taskListPage is one page of a staff member's list: the to-do, the done list, or the
// department's open cases.
type taskListPage struct {
	View     tasks.View
	Rows     []taskRow
	Total    int
	Next     string // the URL of the next page, "" on the last
	Items    []catalog.Summary
	Steps    []string
	DeptHead bool
}

// taskRow is a task as the list shows it, with its time left in words and colour.
type taskRow struct {
	tasks.Row
	Left      string // 剩余 N 个工作日, 超期 N 个工作日, 已暂停
	LeftClass string // ok, soon, late, paused; "" without a clock
	Opened    string
	Closed    string
}

// taskList renders one page of the list view for u, filtered as the query says.
func (h *Handler) taskList(w http.ResponseWriter, r *http.Request, u org.User, view tasks.View) {
	v := h.pages.NewView(r)
	q := r.URL.Query()
	for _, f := range []string{"item", "step", "due", "q"} {
		v.Form.Set(f, q.Get(f))
	}
	page0, err := h.tasks.List(r.Context(), u, tasks.Filter{View: view, Item: q.Get("item"), Step: q.Get("step"),
		Due: q.Get("due"), Search: q.Get("q"), After: q.Get("after")})
	if h.pages.Refused(w, r, err) {
		return
	}
	d := taskListPage{View: view, Total: page0.Total, DeptHead: canSeeDepartment(u)}
	if page0.Next != "" {
		next := url.Values{"after": {page0.Next}}
		for _, f := range []string{"item", "step", "due", "q"} {
			if q.Get(f) != "" {
				next.Set(f, q.Get(f))
			}
		}
		d.Next = r.URL.Path + "?" + next.Encode()
	}
	seen := map[string]bool{}
	for _, row := range page0.Rows {
		d.Rows = append(d.Rows, listRow(v, row))
		if !seen[row.NodeName] {
			seen[row.NodeName] = true
			d.Steps = append(d.Steps, row.NodeName)
		}
	}
	if dept, err := h.Org.Department(r.Context(), u.DepartmentID); err == nil {
		if d.Items, err = h.Catalog.Items(r.Context(), catalog.ListFilter{Departments: []string{dept.Code}}); err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.taskList, v)
}

// listRow lays out one row: the time left on its step's clock, counted in working
// days on the calendar of the step's department.
func listRow(v *page.View, row tasks.Row) taskRow {
	out := taskRow{Row: row, Opened: page.Time(row.CreatedAt), Closed: page.Time(row.ClosedAt)}
	out.Left, out.LeftClass = timeLeft(v, row.Clock)
	return out
}

// timeLeft says how long a clock has left, or how far it is past due, and its colour.
func timeLeft(v *page.View, st *deadline.ClockState) (string, string) {
	switch {
	case st == nil:
		return "", ""
	case st.Paused:
		return v.T("task.left.paused"), "paused"
	case st.Late:
		return v.T("task.left.overdue", "N", st.Overdue.Days), "late"
	case st.Remaining.Days <= tasks.SoonDays:
		return v.T("task.left.remaining", "N", st.Remaining.Days), "soon"
	}
	return v.T("task.left.remaining", "N", st.Remaining.Days), "ok"
}
