// Package office serves the staff who handle cases: registering an
// application at a service centre's window (窗口收件), each staff member's
// to-do (待办) and done (已办) lists and the department's open cases for its
// head, the staff case page (form data, materials read inline, the chart,
// the timeline, the opinions, the clocks) with the actions on a task
// (claim, complete with an opinion, return, transfer, add a signer, take
// back) and the correction of a signed opinion, a department
// administrator's changes to one running case's process (skip a step,
// jump, add a step, reassign, suspend, resume, terminate), and each staff
// member's delegations (授权) of their tasks to a deputy.
//
// Its permission model is the department: a clerk registers only items of
// their own department, a department administrator changes only their
// department's cases, and a user delegates only their own tasks. Who may
// act on a task and read a case the tasks domain decides, given the user
// (a supervisor reads the case page of every case in their region, with
// no action shown). A case outside the user's reach is not found.
package office

import (
	"fmt"
	"net/http"

	"github.com/shenpi/shenpi/internal/tasks"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Config is what the office pages need.
type Config struct {
	Pages *page.Pages
	apply.Cases
	// Tasks is the staff's work on cases; nil serves no to-do or staff case pages
	// (tests of other areas).
	Tasks *tasks.Tasks
}

// Handler serves the office pages.
type Handler struct {
	apply.Cases
	tasks *tasks.Tasks
	pages *page.Pages
	items apply.Items
	tmpl  templates
}

// templates are the pages the office renders, looked up when the handler
// is built.
type templates struct {
	caseProcess, caseWindow, flowDelegations page.Template
	taskList, caseStaff, caseMaterial        page.Template
	caseHandling                             page.Template
}

// New builds the office's handler; it fails when a template it renders
// does not exist.
func New(cfg Config) (*Handler, error) {
	ts := cfg.Pages.Templates()
	t := templates{flowDelegations: ts.Get("flow_delegations"), caseProcess: ts.Get("case_process"), caseWindow: ts.Get("case_window"),
		taskList: ts.Get("task_list"), caseStaff: ts.Get("case_staff"), caseMaterial: ts.Get("case_material"),
		caseHandling: ts.Get("case_handling")}
	if err := ts.Err(); err != nil {
		return nil, fmt.Errorf("office: %w", err)
	}
	return &Handler{Cases: cfg.Cases, tasks: cfg.Tasks, pages: cfg.Pages, items: cfg.Items(), tmpl: t}, nil
}

// Routes registers the office pages on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /delegations", page.RequireUser(h.delegations))
	mux.HandleFunc("POST /delegations", page.RequireUser(h.delegationCreate))
	mux.HandleFunc("POST /delegations/{id}/end", page.RequireUser(h.delegationEnd))
	// Changes to one running case (跳过, 跳转, 加签步骤, 改派, 挂起, 恢复, 终止), by its
	// department's administrator.
	mux.HandleFunc("GET /admin/cases", page.RequireUser(h.caseProcessLookup))
	mux.HandleFunc("GET /admin/cases/{number}/process", page.RequireUser(h.caseProcess))
	mux.HandleFunc("POST /admin/cases/{number}/process", page.RequireUser(h.caseProcessChange))
	if h.Casework == nil {
		return
	}
	mux.HandleFunc("GET /window/register", page.RequireUser(h.windowForm))
	mux.HandleFunc("POST /window/register", page.RequireUser(h.windowRegister))
	// Special procedures, extensions and fees of a case in handling (case_handling.go).
	mux.HandleFunc("GET /office/cases/{number}/handling", page.RequireUser(h.caseHandling))
	mux.HandleFunc("POST /office/cases/{number}/special-procedures", page.RequireUser(h.caseSpecialStart))
	mux.HandleFunc("POST /office/cases/{number}/special-procedures/{id}/end", page.RequireUser(h.caseSpecialEnd))
	mux.HandleFunc("POST /office/cases/{number}/extensions", page.RequireUser(h.caseExtensionRequest))
	mux.HandleFunc("POST /office/cases/{number}/extensions/{id}/decision", page.RequireUser(h.caseExtensionDecide))
	mux.HandleFunc("POST /office/cases/{number}/fees", page.RequireUser(h.caseFeesAssess))
	mux.HandleFunc("POST /office/cases/{number}/payments", page.RequireUser(h.casePaymentRecord))
	if h.tasks == nil {
		return
	}
	// Each staff member's to-do (待办) and done (已办) lists, the department's open
	// cases for its head, the staff case page and the actions on a task.
	mux.HandleFunc("GET /tasks", page.RequireUser(h.taskToDo))
	mux.HandleFunc("GET /tasks/done", page.RequireUser(h.taskDone))
	mux.HandleFunc("GET /tasks/department", page.RequireUser(h.taskDepartment))
	mux.HandleFunc("GET /office/cases", page.RequireUser(h.caseFind))
	mux.HandleFunc("GET /office/cases/{number}", page.RequireUser(h.caseStaff))
	mux.HandleFunc("GET /office/cases/{number}/materials/{sha}", page.RequireUser(h.caseMaterialView))
	mux.HandleFunc("GET /office/cases/{number}/files/{sha}", page.RequireUser(h.caseFile))
	mux.HandleFunc("POST /office/cases/{number}/tasks/{task}/claim", page.RequireUser(h.taskClaim))
	mux.HandleFunc("POST /office/cases/{number}/tasks/{task}/complete", page.RequireUser(h.taskComplete))
	mux.HandleFunc("POST /office/cases/{number}/tasks/{task}/return", page.RequireUser(h.taskReturn))
	mux.HandleFunc("POST /office/cases/{number}/tasks/{task}/transfer", page.RequireUser(h.taskTransfer))
	mux.HandleFunc("POST /office/cases/{number}/tasks/{task}/addsigner", page.RequireUser(h.taskAddSigner))
	mux.HandleFunc("POST /office/cases/{number}/tasks/{task}/takeback", page.RequireUser(h.taskTakeBack))
	mux.HandleFunc("POST /office/cases/{number}/opinions/{task}/correct", page.RequireUser(h.opinionCorrect))
	mux.HandleFunc("POST /office/cases/{number}/corrections/{id}/decide", page.RequireUser(h.correctionDecide))
}
