package web

import "github.com/shenpi/shenpi/internal/catalog"

// catalogRoutes registers the catalogue's pages and API: the public portal
// (browsing, search, item guides, the one-time notice, samples, the form
// check), the item administration and the items API.
func (s *Server) catalogRoutes() {
	s.mux.HandleFunc("GET /portal", s.portalHome)
	s.mux.HandleFunc("GET /portal/search", s.portalSearch)
	s.mux.HandleFunc("GET /items/{code}", s.portalItem)
	s.mux.HandleFunc("GET /items/{code}/notice", s.portalNotice)
	s.mux.HandleFunc("GET /items/{code}/samples/{n}", s.portalSample)
	s.mux.HandleFunc("GET /items/{code}/form", s.portalForm)
	s.mux.HandleFunc("POST /items/{code}/form", s.portalFormCheck)

	s.mux.HandleFunc("GET /admin/items", s.requireUser(s.catalogAdminList))
	s.mux.HandleFunc("GET /admin/items/new", s.requireUser(s.catalogAdminNew))
	s.mux.HandleFunc("POST /admin/items", s.requireUser(s.catalogAdminCreate))
	s.mux.HandleFunc("GET /admin/items/export", s.requireUser(s.catalogAdminExport))
	s.mux.HandleFunc("POST /admin/items/import", s.requireUser(s.catalogAdminImport))
	s.mux.HandleFunc("GET /admin/items/{code}", s.requireUser(s.catalogAdminItem))
	s.mux.HandleFunc("POST /admin/items/{code}/versions", s.requireUser(s.catalogAdminNewVersion))
	s.mux.HandleFunc("POST /admin/items/{code}/withdraw", s.requireUser(s.catalogAdminWithdraw))
	s.mux.HandleFunc("GET /admin/items/{code}/versions/{n}", s.requireUser(s.catalogAdminPreview))
	s.mux.HandleFunc("GET /admin/items/{code}/versions/{n}/edit", s.requireUser(s.catalogAdminEdit))
	s.mux.HandleFunc("POST /admin/items/{code}/versions/{n}", s.requireUser(s.catalogAdminSave))
	s.mux.HandleFunc("POST /admin/items/{code}/versions/{n}/submit", s.requireUser(s.catalogAdminSubmit))
	s.mux.HandleFunc("POST /admin/items/{code}/versions/{n}/return", s.requireUser(s.catalogAdminReturn))
	s.mux.HandleFunc("POST /admin/items/{code}/versions/{n}/publish", s.requireUser(s.catalogAdminPublish))

	s.mux.HandleFunc("GET /api/v1/items", s.apiItems)
	s.mux.HandleFunc("GET /api/v1/items/{code}", s.apiItem)
}

// itemCatalog is the approval item catalogue this server serves.
func (s *Server) itemCatalog() *catalog.Catalog { return s.cfg.Catalog }
