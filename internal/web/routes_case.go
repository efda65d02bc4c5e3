package web

// caseRoutes registers the case pages and API.
func (s *Server) caseRoutes() {}
