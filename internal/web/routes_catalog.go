package web

// catalogRoutes registers the catalog pages and API.
func (s *Server) catalogRoutes() {}
