package web

// flowRoutes registers the flow pages and API.
func (s *Server) flowRoutes() {}
