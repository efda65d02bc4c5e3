package web

// workdayRoutes registers the workday pages and API.
func (s *Server) workdayRoutes() {}
