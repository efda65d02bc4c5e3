package web

// workdayRoutes registers the working-day calendar pages.
func (s *Server) workdayRoutes() {
	s.mux.HandleFunc("GET /admin/calendars", s.requireUser(s.calendars))
	s.mux.HandleFunc("POST /admin/calendars", s.requireUser(s.calendarCreate))
	s.mux.HandleFunc("GET /admin/calendars/{name}", s.requireUser(s.calendarYear))
	s.mux.HandleFunc("GET /admin/calendars/{name}/export", s.requireUser(s.calendarExport))
	s.mux.HandleFunc("POST /admin/calendars/{name}/day", s.requireUser(s.calendarSetDay))
	s.mux.HandleFunc("POST /admin/calendars/{name}/import", s.requireUser(s.calendarImport))
}
