package web

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/tasks"
	"github.com/shenpi/shenpi/internal/web/admin"
	"github.com/shenpi/shenpi/internal/web/api"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/chart"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/office"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/portal"
)

// Config is what the web layer is built from.
type Config struct {
	DB   *store.DB
	Org  *org.Org
	Auth *auth.Auth
	// Deadlines holds the working-day calendars and running clocks.
	Deadlines *deadline.Book
	// Catalog is the approval item catalog; nil builds one on DB.
	Catalog *catalog.Catalog
	// Processes holds process definitions, instances and delegations;
	// nil builds one on DB.
	Processes *process.Processes
	// Site is the deployment's identity, shown on every page; nil builds one
	// on DB.
	Site *site.Site
	// Casework holds applications and cases; nil means no applying (tests
	// of other areas).
	Casework *casework.Casework
	Log      *slog.Logger
	Now      func() time.Time
	Version  string
	// SecureCookies marks cookies Secure even on plain HTTP, for a server
	// behind a TLS-terminating proxy.
	SecureCookies bool
	// MetricsToken, when set, opens /metrics on the site to requests bearing
	// it; without it the site serves no metrics (see metricsOnSite).
	MetricsToken string
}

// Server serves the portal, office, supervision, admin pages and the API.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	msgs    *messages.Messages
	pages   *page.Pages
	metrics *metrics
	tmpl    templates
	// portal serves the public face, which is also the home page of a
	// visitor not logged in.
	portal *portal.Handler
}

// New builds the server; templates and messages are parsed here, so a
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
	if cfg.Site == nil {
		cfg.Site = site.New(cfg.DB, cfg.Org, cfg.Now)
	}
	msgs, err := messages.Load()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	tmpl, _ := fs.Sub(templateFiles, "templates")
	pages, err := page.New(tmpl, msgs, cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	pages.ShowIdentity(cfg.Site.Identity)
	s := &Server{cfg: cfg, mux: http.NewServeMux(), msgs: msgs, pages: pages, metrics: newMetrics()}
	if err := event.RegisterMetrics(s.metrics.registry, cfg.DB); err != nil {
		return nil, err
	}
	if err := s.metrics.registry.Register(newPoolCollector(cfg.DB)); err != nil {
		return nil, fmt.Errorf("web: unable to register the pool metrics: %w", err)
	}
	ts := pages.Templates()
	s.tmpl = templates{home: ts.Get("home"), login: ts.Get("login"), password: ts.Get("password"), register: ts.Get("register"), tokens: ts.Get("tokens")}
	if err := ts.Err(); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	if err := s.routes(); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	// Every template is some handler's: one nothing declared is a page
	// nothing can show, or a name misspelt on one side.
	if unclaimed := pages.Unclaimed(); len(unclaimed) > 0 {
		return nil, fmt.Errorf("web: templates no handler declares: %v", unclaimed)
	}
	return s, nil
}

// Handler is the server's root handler.
func (s *Server) Handler() http.Handler { return s.around(s.mux) }

func (s *Server) routes() error {
	static, _ := fs.Sub(staticFiles, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", filesOnly(http.FileServerFS(static))))
	s.mux.HandleFunc("GET /static/chart.css", chart.Style)
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /metrics", s.metricsOnSite)

	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /login", s.loginForm)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.HandleFunc("POST /logout", s.logout)
	s.mux.HandleFunc("GET /register", s.registerForm)
	s.mux.HandleFunc("POST /register", s.register)
	s.mux.HandleFunc("GET /password", page.RequireUser(s.passwordForm))
	s.mux.HandleFunc("POST /password", page.RequireUser(s.passwordChange))
	s.mux.HandleFunc("GET /account/tokens", page.RequireUser(s.tokenList))
	s.mux.HandleFunc("POST /account/tokens/{token}/revoke", page.RequireUser(s.tokenRevoke))
	s.mux.HandleFunc("POST /lang", s.setLang)

	// Each audience's package registers its own routes; the shell gives
	// each only what it needs.
	var err error
	cases := apply.Cases{Org: s.cfg.Org, Catalog: s.cfg.Catalog, Processes: s.cfg.Processes, Casework: s.cfg.Casework, Now: s.cfg.Now,
		Once: &apply.Once{DB: s.cfg.DB, Now: s.cfg.Now}}
	s.portal, err = portal.New(portal.Config{Pages: s.pages, Cases: cases, Auth: s.cfg.Auth})
	if err != nil {
		return err
	}
	s.portal.Routes(s.mux)
	var work *tasks.Tasks
	if s.cfg.Casework != nil && s.cfg.Deadlines != nil {
		work = tasks.New(tasks.Config{DB: s.cfg.DB, Org: s.cfg.Org, Casework: s.cfg.Casework, Processes: s.cfg.Processes,
			Clocks: s.cfg.Deadlines, Now: s.cfg.Now})
	}
	off, err := office.New(office.Config{Pages: s.pages, Cases: cases, Tasks: work})
	if err != nil {
		return err
	}
	off.Routes(s.mux)
	adm, err := admin.New(admin.Config{Pages: s.pages, Org: s.cfg.Org, Auth: s.cfg.Auth, Deadlines: s.cfg.Deadlines,
		Catalog: s.cfg.Catalog, Processes: s.cfg.Processes, Site: s.cfg.Site, Now: s.cfg.Now})
	if err != nil {
		return err
	}
	adm.Routes(s.mux)
	api.New(api.Config{Messages: s.msgs, Org: s.cfg.Org, Catalog: s.cfg.Catalog, Casework: s.cfg.Casework,
		MayAssign: adm.MayAssign, LogError: s.logError, Auth: s.cfg.Auth, DB: s.cfg.DB, Now: s.cfg.Now, Tasks: work}).Routes(s.mux)
	s.mux.HandleFunc("/", s.notFound)
	return nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.DB.Ping(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	if err := s.cfg.DB.WriteErr(); err != nil {
		http.Error(w, "database is not writable: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}
