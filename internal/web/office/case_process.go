package office

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/chart"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/staffnames"
)

// The longest reason and inserted step name a change takes, as the form says.
const (
	maxReason   = 500
	maxStepName = 40
)

// caseChanges are the changes an administrator may make to one running case, in the
// order the form offers them.
var caseChanges = []string{"skip", "jump", "insert", "reassign", "suspend", "resume", "terminate"}

// caseProcessPage is a case's run through its process as its department's administrator
// sees it, with the form for changing it.
type caseProcessPage struct {
	Case     casework.Case
	Title    string
	Process  string // the definition's name and version
	Status   string // running, suspended, ended
	Chart    template.HTML
	Tasks    []caseTaskRow
	Steps    []flow.Node // where skip, jump and insert may point
	Open     []caseTaskRow
	Staff    []org.User
	Changes  []string
	Results  []string
	Request  string // the request id of this form, so that sending it twice is harmless
	Disabled bool   // the case has ended: nothing is offered
}

// caseTaskRow is a task of the case with the instant it opened, in China's time, and
// its people by name.
type caseTaskRow struct {
	process.TaskEntry
	Opened                    string
	Holder, ActingFor, DoneBy string
}

func (h *Handler) caseProcess(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	v.Form.Set("request", rand.Text())
	h.caseProcessRender(w, r, u, v, http.StatusOK)
}

// caseProcessRender shows the page; a case the user may not change, or that has no
// process yet, is not found.
func (h *Handler) caseProcessRender(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, status int) {
	cs, inst, ok := h.changeableCase(w, r, u)
	if !ok {
		return
	}
	ctx := r.Context()
	p := h.Processes
	def, err := p.InstanceDefinition(ctx, inst)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	d := caseProcessPage{Case: cs, Title: itempage.Title(ctx, h.Catalog, v, cs.ItemCode, cs.ItemVersion, cs.ItemName),
		Process: def.Name + " · " + v.T("flow.version", "Version", inst.DefinitionVersion), Status: inst.State.Status,
		Chart:   template.HTML(flow.DrawSVG(def, &inst.State, chart.Words(v))), // DrawSVG escapes every text it draws
		Changes: caseChanges, Results: []string{flow.ResultApproved, flow.ResultRefused, flow.ResultWithdrawn},
		Request: v.Value("request"), Disabled: inst.State.Ended()}
	tasks, err := p.Tasks(ctx, inst.ID)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	names, err := staffnames.Load(ctx, h.Org, staffnames.InTasks(tasks)...)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	for _, t := range tasks {
		row := caseTaskRow{TaskEntry: t, Opened: page.Time(t.CreatedAt), Holder: names.Holder(t)}
		if t.ActingFor != "" {
			row.ActingFor = names.Of(t.ActingFor)
		}
		if t.DoneBy != "" {
			row.DoneBy = names.Of(t.DoneBy)
		}
		d.Tasks = append(d.Tasks, row)
		if t.Status == flow.TaskOpen {
			d.Open = append(d.Open, row)
		}
	}
	for _, n := range def.Nodes {
		if n.Kind == flow.KindTask || n.Kind == flow.KindCountersign {
			d.Steps = append(d.Steps, n)
		}
	}
	for _, in := range inst.State.Inserted {
		d.Steps = append(d.Steps, in.Node)
	}
	staff, err := h.Org.Users(ctx, org.UserFilter{DepartmentID: cs.DepartmentID})
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	for _, st := range staff {
		if st.Role.IsStaff() && !st.Disabled {
			d.Staff = append(d.Staff, st)
		}
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.caseProcess, v)
}

// changeableCase finds the case of the request and its process instance, answering
// not-found for a case the user may not change (so its existence is not revealed) or
// one whose handling has not begun.
func (h *Handler) changeableCase(w http.ResponseWriter, r *http.Request, u org.User) (casework.Case, process.Instance, bool) {
	n, err := apply.CaseNumber(r)
	if err != nil {
		h.pages.NotFound(w, r)
		return casework.Case{}, process.Instance{}, false
	}
	cs, err := h.Casework.Case(r.Context(), n)
	if errors.Is(err, casework.ErrNotFound) || err == nil && !auth.CanChangeCase(u, cs.DepartmentID) {
		h.pages.NotFound(w, r)
		return cs, process.Instance{}, false
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return cs, process.Instance{}, false
	}
	inst, err := h.Processes.Instance(r.Context(), string(n))
	if errors.Is(err, process.ErrNotFound) {
		h.pages.NotFound(w, r)
		return cs, inst, false
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return cs, inst, false
	}
	return cs, inst, true
}

// caseProcessChange makes one change to the case, with its reason; process asks auth
// whether the user may, and flow records it as an event of the case. A refused change
// shows the form again as typed.
func (h *Handler) caseProcessChange(w http.ResponseWriter, r *http.Request, u org.User) {
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "request", "change", "node", "task", "user", "name", "days", "result", "reason")
	cs, inst, ok := h.changeableCase(w, r, u)
	if !ok {
		return
	}
	cmd, field := caseChange(v, u)
	if field != "" {
		h.caseProcessRender(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	_, err := h.Processes.ChangeCase(r.Context(), u, inst.ID, cmd)
	if err == nil {
		h.pages.Redirect(w, r, "/admin/cases/"+string(cs.Number)+"/process", "flow.case.changed")
		return
	}
	field, key := caseChangeError(err)
	if key == "" {
		h.pages.Refused(w, r, err)
		return
	}
	v.Errors[field] = key
	h.caseProcessRender(w, r, u, v, http.StatusUnprocessableEntity)
}

// caseChange turns the form into a flow command, or names the field that is wrong (its
// message set on v).
func caseChange(v *page.View, u org.User) (flow.Command, string) {
	meta := flow.Meta{RequestID: "case-change:" + v.Value("request"), Actor: u.Username}
	reason := v.Value("reason")
	fail := func(field, key string) (flow.Command, string) {
		v.Errors[field] = key
		return nil, field
	}
	if v.Value("request") == "" {
		return fail("change", "flow.case.error.stale_form")
	}
	if reason == "" {
		return fail("reason", "form.required")
	}
	if utf8.RuneCountInString(reason) > maxReason {
		return fail("reason", "flow.case.error.reason_long")
	}
	switch v.Value("change") {
	case "skip":
		return flow.Skip{Meta: meta, NodeID: v.Value("node"), Reason: reason}, ""
	case "jump":
		return flow.Jump{Meta: meta, ToNode: v.Value("node"), Reason: reason}, ""
	case "insert":
		days, err := strconv.Atoi(v.Value("days"))
		switch {
		case v.Value("name") == "":
			return fail("name", "form.required")
		case utf8.RuneCountInString(v.Value("name")) > maxStepName:
			return fail("name", "flow.case.error.name_long")
		case v.Value("user") == "":
			return fail("user", "form.required")
		case v.Value("days") != "" && (err != nil || days < 0 || days > 60):
			return fail("days", "flow.case.error.days")
		}
		// The inserted step's id comes from the request's, so that it is new, and the
		// same on a second sending of the form.
		sum := sha256.Sum256([]byte(v.Value("request")))
		node := flow.Node{ID: "ins-" + hex.EncodeToString(sum[:4]), Kind: flow.KindTask, Name: v.Value("name"), LimitDays: days,
			Assignee: &flow.Assignee{Kind: flow.AssignUser, User: v.Value("user")}}
		return flow.Insert{Meta: meta, After: v.Value("node"), Node: node, Reason: reason}, ""
	case "reassign":
		if v.Value("user") == "" {
			return fail("user", "form.required")
		}
		return flow.Reassign{Meta: meta, TaskID: v.Value("task"), ToUser: v.Value("user"), Reason: reason}, ""
	case "suspend":
		return flow.Suspend{Meta: meta, Reason: reason}, ""
	case "resume":
		return flow.Resume{Meta: meta, Reason: reason}, ""
	case "terminate":
		return flow.Terminate{Meta: meta, Result: v.Value("result"), Reason: reason}, ""
	}
	return fail("change", "flow.case.error.change")
}

// caseChangeError names the field and message of a change flow refused; an empty key
// means a failure that is not the user's.
func caseChangeError(err error) (field, key string) {
	switch {
	case errors.Is(err, flow.ErrNeedReason):
		return "reason", "form.required"
	case errors.Is(err, flow.ErrCaseEnded):
		return "change", "flow.case.error.ended"
	case errors.Is(err, flow.ErrCaseSuspended):
		return "change", "flow.case.error.suspended"
	case errors.Is(err, flow.ErrNotSuspended):
		return "change", "flow.case.error.not_suspended"
	case errors.Is(err, flow.ErrBadTarget), errors.Is(err, flow.ErrBadInsert):
		return "node", "flow.case.error.node"
	case errors.Is(err, flow.ErrTaskNotFound), errors.Is(err, flow.ErrTaskNotOpen):
		return "task", "flow.case.error.task"
	case errors.Is(err, flow.ErrBadUser), errors.Is(err, flow.ErrNoAssignee):
		return "user", "flow.case.error.user"
	case errors.Is(err, flow.ErrBadResult):
		return "result", "flow.case.error.result"
	case errors.Is(err, process.ErrConflict):
		return "change", "flow.case.error.conflict"
	}
	return "", ""
}
