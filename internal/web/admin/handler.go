// Package admin serves the administration pages under /admin: regions,
// departments, service centres and windows, users, the item catalog's
// editor and review, process definitions and working-day calendars.
//
// Its permission model is scope: a system administrator manages the
// organisation within their region; a department administrator manages the
// staff, items and processes of their department; reviewers publish items.
// Something outside the user's scope is not found (auth decides each case).
package admin

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Config is what the administration pages need.
type Config struct {
	Pages     *page.Pages
	Org       *org.Org
	Auth      *auth.Auth
	Deadlines *deadline.Book
	Catalog   *catalog.Catalog
	Processes *process.Processes
	Site      *site.Site
	Now       func() time.Time
}

// Handler serves /admin.
type Handler struct {
	pages     *page.Pages
	org       *org.Org
	auth      *auth.Auth
	deadlines *deadline.Book
	catalog   *catalog.Catalog
	processes *process.Processes
	site      *site.Site
	now       func() time.Time
	items     apply.Items
	tmpl      templates
}

// templates are the pages this package renders, looked up when the
// handler is built.
type templates struct {
	org                                            map[string]page.Template // regions, departments, centres
	adminUserEdit, adminUserNew, adminUserPassword page.Template
	adminUsers, calendarYear, calendars            page.Template
	itemEdit, item, itemList                       page.Template
	flowEdit, flowList, portalItem                 page.Template
	site                                           page.Template
}

// New builds the administration's handler; it fails when a template it
// renders does not exist.
func New(cfg Config) (*Handler, error) {
	ts := cfg.Pages.Templates()
	t := templates{
		org:           map[string]page.Template{},
		adminUserEdit: ts.Get("admin_user_edit"), adminUserNew: ts.Get("admin_user_new"),
		adminUserPassword: ts.Get("admin_user_password"), adminUsers: ts.Get("admin_users"),
		calendarYear: ts.Get("calendar_year"), calendars: ts.Get("calendars"),
		itemEdit: ts.Get("catalog_admin_edit"), item: ts.Get("catalog_admin_item"),
		itemList: ts.Get("catalog_admin_list"), flowEdit: ts.Get("flow_edit"), flowList: ts.Get("flow_list"),
		site: ts.Get("admin_site"),
		// An item version's preview is its guide as the portal will show it.
		portalItem: ts.Get("portal_item"),
	}
	for _, name := range []string{"regions", "departments", "centres"} {
		t.org[name] = ts.Get("admin_" + name)
	}
	if err := ts.Err(); err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	return &Handler{pages: cfg.Pages, org: cfg.Org, auth: cfg.Auth, deadlines: cfg.Deadlines, catalog: cfg.Catalog,
		processes: cfg.Processes, site: cfg.Site, now: cfg.Now, items: apply.Items{Catalog: cfg.Catalog, Org: cfg.Org}, tmpl: t}, nil
}

// orgTemplate is the page of one part of the organisation (regions,
// departments, centres); page names it with or without "admin_".
func (t templates) orgTemplate(name string) page.Template {
	return t.org[strings.TrimPrefix(name, "admin_")]
}

// Routes registers the administration pages on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/site", page.RequireUser(h.siteForm))
	mux.HandleFunc("POST /admin/site", page.RequireUser(h.siteSave))
	mux.HandleFunc("GET /admin/regions", page.RequireUser(h.regions))
	mux.HandleFunc("POST /admin/regions", page.RequireUser(h.regionCreate))
	mux.HandleFunc("GET /admin/departments", page.RequireUser(h.departments))
	mux.HandleFunc("POST /admin/departments", page.RequireUser(h.departmentCreate))
	mux.HandleFunc("GET /admin/centres", page.RequireUser(h.centres))
	mux.HandleFunc("POST /admin/centres", page.RequireUser(h.centreCreate))
	mux.HandleFunc("POST /admin/windows", page.RequireUser(h.windowCreate))
	mux.HandleFunc("GET /admin/users", page.RequireUser(h.users))
	mux.HandleFunc("GET /admin/users/new", page.RequireUser(h.userNew))
	mux.HandleFunc("POST /admin/users", page.RequireUser(h.userCreate))
	mux.HandleFunc("GET /admin/users/{id}", page.RequireUser(h.userEdit))
	mux.HandleFunc("POST /admin/users/{id}/role", page.RequireUser(h.userRole))
	mux.HandleFunc("POST /admin/users/{id}/roles", page.RequireUser(h.userRoles))
	mux.HandleFunc("POST /admin/users/{id}/disable", page.RequireUser(h.userDisable))
	mux.HandleFunc("POST /admin/users/{id}/enable", page.RequireUser(h.userEnable))
	mux.HandleFunc("POST /admin/users/{id}/reset", page.RequireUser(h.userReset))
	mux.HandleFunc("POST /admin/users/{id}/tokens/{token}/revoke", page.RequireUser(h.userTokenRevoke))

	mux.HandleFunc("GET /admin/items", page.RequireUser(h.itemList))
	mux.HandleFunc("GET /admin/items/new", page.RequireUser(h.itemNew))
	mux.HandleFunc("POST /admin/items", page.RequireUser(h.itemCreate))
	mux.HandleFunc("GET /admin/items/export", page.RequireUser(h.itemExport))
	mux.HandleFunc("POST /admin/items/import", page.RequireUser(h.itemImport))
	mux.HandleFunc("GET /admin/items/{code}", page.RequireUser(h.item))
	mux.HandleFunc("POST /admin/items/{code}/versions", page.RequireUser(h.itemNewVersion))
	mux.HandleFunc("POST /admin/items/{code}/withdraw", page.RequireUser(h.itemWithdraw))
	mux.HandleFunc("GET /admin/items/{code}/versions/{n}", page.RequireUser(h.itemPreview))
	mux.HandleFunc("GET /admin/items/{code}/versions/{n}/edit", page.RequireUser(h.itemEdit))
	mux.HandleFunc("POST /admin/items/{code}/versions/{n}", page.RequireUser(h.itemSave))
	mux.HandleFunc("POST /admin/items/{code}/versions/{n}/submit", page.RequireUser(h.itemSubmit))
	mux.HandleFunc("POST /admin/items/{code}/versions/{n}/return", page.RequireUser(h.itemReturn))
	mux.HandleFunc("POST /admin/items/{code}/versions/{n}/publish", page.RequireUser(h.itemPublish))

	mux.HandleFunc("GET /admin/processes", page.RequireUser(h.flowList))
	mux.HandleFunc("GET /admin/processes/new", page.RequireUser(h.flowNew))
	mux.HandleFunc("POST /admin/processes", page.RequireUser(h.flowCreate))
	mux.HandleFunc("POST /admin/processes/import", page.RequireUser(h.flowImport))
	mux.HandleFunc("GET /admin/processes/{key}/{version}", page.RequireUser(h.flowEdit))
	mux.HandleFunc("POST /admin/processes/{key}/{version}", page.RequireUser(h.flowSave))
	mux.HandleFunc("GET /admin/processes/{key}/{version}/export", page.RequireUser(h.flowExport))
	// The chart of a published version is public, like the item guide that shows it.
	mux.HandleFunc("GET /admin/processes/{key}/{version}/chart.svg", h.flowChart)

	mux.HandleFunc("GET /admin/calendars", page.RequireUser(h.calendars))
	mux.HandleFunc("POST /admin/calendars", page.RequireUser(h.calendarCreate))
	mux.HandleFunc("GET /admin/calendars/{name}", page.RequireUser(h.calendarYear))
	mux.HandleFunc("GET /admin/calendars/{name}/export", page.RequireUser(h.calendarExport))
	mux.HandleFunc("POST /admin/calendars/{name}/day", page.RequireUser(h.calendarSetDay))
	mux.HandleFunc("POST /admin/calendars/{name}/import", page.RequireUser(h.calendarImport))
}
