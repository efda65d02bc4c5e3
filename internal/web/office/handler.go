// Package office serves the staff who handle cases: registering an
// application at a service centre's window (窗口收件), a department
// administrator's changes to one running case's process (skip a step,
// jump, add a step, reassign, suspend, resume, terminate), and each staff
// member's delegations (授权) of their tasks to a deputy.
//
// Its permission model is the department: a clerk registers only items of
// their own department, a department administrator changes only their
// department's cases, and a user delegates only their own tasks. A case
// outside the user's department is not found (auth decides each case).
package office

import (
	"fmt"
	"net/http"

	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Config is what the office pages need.
type Config struct {
	Pages *page.Pages
	apply.Cases
}

// Handler serves the office pages.
type Handler struct {
	apply.Cases
	pages *page.Pages
	items apply.Items
	tmpl  templates
}

// templates are the pages the office renders, looked up when the handler
// is built.
type templates struct {
	caseProcess, caseWindow, flowDelegations page.Template
}

// New builds the office's handler; it fails when a template it renders
// does not exist.
func New(cfg Config) (*Handler, error) {
	ts := cfg.Pages.Templates()
	t := templates{flowDelegations: ts.Get("flow_delegations"), caseProcess: ts.Get("case_process"), caseWindow: ts.Get("case_window")}
	if err := ts.Err(); err != nil {
		return nil, fmt.Errorf("office: %w", err)
	}
	return &Handler{Cases: cfg.Cases, pages: cfg.Pages, items: cfg.Items(), tmpl: t}, nil
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
}
