package web

import (
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
)

// Config is what the web layer is built from.
type Config struct {
	DB   *store.DB
	Org  *org.Org
	Auth *auth.Auth
	// Deadlines holds the working-day calendars and running clocks.
	Deadlines *deadline.Book
	// Catalog is the approval item catalogue; nil builds one on DB.
	Catalog *catalog.Catalog
	// Processes holds process definitions, instances and delegations;
	// nil builds one on DB.
	Processes *process.Processes
	// Casework holds applications and cases; nil means no applying (tests
	// of other areas).
	Casework *casework.Casework
	Log      *slog.Logger
	Now      func() time.Time
	Version  string
	// SecureCookies marks cookies Secure even on plain HTTP, for a server
	// behind a TLS-terminating proxy.
	SecureCookies bool
}

// Server serves the portal, office, supervision, admin pages and the API.
type Server struct {
	cfg       Config
	mux       *http.ServeMux
	cat       *catalogue
	templates map[string]*template.Template
	metrics   *metrics
}

// New builds the server; templates and catalogues are parsed here, so a
// broken template fails at start-up, not at request time.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Catalog == nil {
		cfg.Catalog = catalog.New(cfg.DB, cfg.Org, cfg.Now)
	}
	if cfg.Processes == nil {
		pc := process.Config{DB: cfg.DB, Org: cfg.Org, Now: cfg.Now}
		if cfg.Deadlines != nil {
			pc.Clocks = cfg.Deadlines
		}
		cfg.Processes = process.New(pc)
	}
	cat, err := newCatalogue()
	if err != nil {
		return nil, err
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), cat: cat, templates: tmpl, metrics: newMetrics()}
	if err := event.RegisterMetrics(s.metrics.registry, cfg.DB); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// Handler is the server's root handler.
func (s *Server) Handler() http.Handler { return s.around(s.mux) }

func (s *Server) routes() {
	static, _ := fs.Sub(staticFiles, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("GET /metrics", s.metrics.handler())

	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /login", s.loginForm)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.HandleFunc("POST /logout", s.logout)
	s.mux.HandleFunc("GET /register", s.registerForm)
	s.mux.HandleFunc("POST /register", s.register)
	s.mux.HandleFunc("GET /password", s.requireUser(s.passwordForm))
	s.mux.HandleFunc("POST /password", s.requireUser(s.passwordChange))
	s.mux.HandleFunc("POST /lang", s.setLang)

	s.mux.HandleFunc("GET /admin/regions", s.requireUser(s.adminRegions))
	s.mux.HandleFunc("POST /admin/regions", s.requireUser(s.adminRegionCreate))
	s.mux.HandleFunc("GET /admin/departments", s.requireUser(s.adminDepartments))
	s.mux.HandleFunc("POST /admin/departments", s.requireUser(s.adminDepartmentCreate))
	s.mux.HandleFunc("GET /admin/centres", s.requireUser(s.adminCentres))
	s.mux.HandleFunc("POST /admin/centres", s.requireUser(s.adminCentreCreate))
	s.mux.HandleFunc("POST /admin/windows", s.requireUser(s.adminWindowCreate))
	s.mux.HandleFunc("GET /admin/users", s.requireUser(s.adminUsers))
	s.mux.HandleFunc("GET /admin/users/new", s.requireUser(s.adminUserNew))
	s.mux.HandleFunc("POST /admin/users", s.requireUser(s.adminUserCreate))
	s.mux.HandleFunc("GET /admin/users/{id}", s.requireUser(s.adminUserEdit))
	s.mux.HandleFunc("POST /admin/users/{id}/role", s.requireUser(s.adminUserRole))
	s.mux.HandleFunc("POST /admin/users/{id}/disable", s.requireUser(s.adminUserDisable))
	s.mux.HandleFunc("POST /admin/users/{id}/enable", s.requireUser(s.adminUserEnable))
	s.mux.HandleFunc("POST /admin/users/{id}/reset", s.requireUser(s.adminUserReset))

	// Each area registers its own routes in its own file.
	for _, area := range []func(){s.catalogRoutes, s.caseRoutes, s.flowRoutes, s.workdayRoutes} {
		area()
	}

	s.mux.HandleFunc("GET /api/v1/openapi.json", s.apiOpenAPI)
	s.mux.HandleFunc("GET /api/v1/me", s.requireUser(s.apiMe))
	s.mux.HandleFunc("POST /api/v1/users", s.requireUser(s.apiUserCreate))
	s.mux.HandleFunc("/", s.notFound)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.DB.Ping(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	if err := s.cfg.DB.WriteErr(); err != nil {
		http.Error(w, "database is not writable until restart: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
