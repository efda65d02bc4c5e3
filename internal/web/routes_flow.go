package web

import (
	"github.com/shenpi/shenpi/internal/process"
)

// flowRoutes registers the approval process pages: the definitions (list, form editor,
// check, publish, import/export, flow chart) and the users' delegations (授权).
func (s *Server) flowRoutes() {
	s.mux.HandleFunc("GET /admin/processes", s.requireUser(s.flowList))
	s.mux.HandleFunc("GET /admin/processes/new", s.requireUser(s.flowNew))
	s.mux.HandleFunc("POST /admin/processes", s.requireUser(s.flowCreate))
	s.mux.HandleFunc("POST /admin/processes/import", s.requireUser(s.flowImport))
	s.mux.HandleFunc("GET /admin/processes/{key}/{version}", s.requireUser(s.flowEdit))
	s.mux.HandleFunc("POST /admin/processes/{key}/{version}", s.requireUser(s.flowSave))
	s.mux.HandleFunc("GET /admin/processes/{key}/{version}/export", s.requireUser(s.flowExport))
	// The chart of a published version is public, like the item guide that shows it.
	s.mux.HandleFunc("GET /admin/processes/{key}/{version}/chart.svg", s.flowChart)
	s.mux.HandleFunc("GET /processes/{key}/chart.svg", s.flowChartPublished)

	// Changes to one running case (跳过, 跳转, 加签步骤, 改派, 挂起, 恢复, 终止), by its
	// department's administrator.
	s.mux.HandleFunc("GET /admin/cases", s.requireUser(s.caseProcessLookup))
	s.mux.HandleFunc("GET /admin/cases/{number}/process", s.requireUser(s.caseProcess))
	s.mux.HandleFunc("POST /admin/cases/{number}/process", s.requireUser(s.caseProcessChange))

	s.mux.HandleFunc("GET /delegations", s.requireUser(s.delegations))
	s.mux.HandleFunc("POST /delegations", s.requireUser(s.delegationCreate))
	s.mux.HandleFunc("POST /delegations/{id}/end", s.requireUser(s.delegationEnd))
}

// processes is the store of process definitions, delegations and instances.
func (s *Server) processes() *process.Processes { return s.cfg.Processes }
