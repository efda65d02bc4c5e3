package web

// caseRoutes registers the case pages and API. Without casework (tests of
// other areas) there is nothing to register.
func (s *Server) caseRoutes() {
	if s.cfg.Casework == nil {
		return
	}
	s.mux.HandleFunc("POST /items/{code}/apply", s.requireApplicant(s.caseApply))
	s.mux.HandleFunc("GET /drafts/{id}", s.requireApplicant(s.caseDraft))
	s.mux.HandleFunc("POST /drafts/{id}", s.requireApplicant(s.caseDraftSave))
	s.mux.HandleFunc("GET /my", s.requireApplicant(s.caseMine))
	s.mux.HandleFunc("GET /cases/{number}", s.requireApplicant(s.caseShow))
	s.mux.HandleFunc("GET /cases/{number}/receipt", s.requireUser(s.caseReceipt))
	s.mux.HandleFunc("GET /cases/{number}/materials/{sha}", s.requireApplicant(s.caseMaterial))
	s.mux.HandleFunc("POST /cases/{number}/withdraw", s.requireApplicant(s.caseWithdraw))
	s.mux.HandleFunc("GET /lookup", s.caseLookup)
	s.mux.HandleFunc("POST /lookup", s.caseLookup)
	s.mux.HandleFunc("GET /window/register", s.requireUser(s.caseWindowForm))
	s.mux.HandleFunc("POST /window/register", s.requireUser(s.caseWindowRegister))

	s.mux.HandleFunc("POST /api/v1/uploads", s.requireApplicant(s.apiUpload))
	s.mux.HandleFunc("POST /api/v1/cases", s.requireApplicant(s.apiCaseCreate))
	s.mux.HandleFunc("GET /api/v1/cases", s.requireApplicant(s.apiCases))
	s.mux.HandleFunc("GET /api/v1/cases/{number}", s.requireApplicant(s.apiCase))
	s.mux.HandleFunc("POST /api/v1/cases/{number}/materials", s.requireApplicant(s.apiCaseMaterial))
}
