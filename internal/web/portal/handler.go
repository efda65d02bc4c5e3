// Package portal serves the public site and its applicants: the item
// catalog (browsing, search, item guides, the one-time notice, samples,
// the form check, the published process charts), the public progress
// lookup, and an applicant's own drafts and cases (apply, save, submit,
// add materials, withdraw, the receipt).
//
// Its permission model is ownership: anyone may read what is published;
// an applicant sees and changes only their own drafts and cases, and only
// for items meant for their kind (citizen or company). Someone else's case
// is not found. The receipt is also printable by a clerk of the case's
// department.
package portal

import (
	"fmt"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Config is what the portal needs.
type Config struct {
	Pages *page.Pages
	apply.Cases
	// Auth throttles the public case lookup.
	Auth *auth.Auth
}

// Handler serves the portal.
type Handler struct {
	apply.Cases
	auth  *auth.Auth
	pages *page.Pages
	items apply.Items
	tmpl  templates
}

// templates are the pages the portal renders, looked up when the handler
// is built.
type templates struct {
	portalHome, portalSearch, portalItem, portalNotice, portalForm page.Template
	caseDraft, caseLookup, caseMine, caseReceipt, caseShow         page.Template
}

// New builds the portal's handler; it fails when a template it renders
// does not exist.
func New(cfg Config) (*Handler, error) {
	ts := cfg.Pages.Templates()
	t := templates{
		portalHome: ts.Get("portal_home"), portalSearch: ts.Get("portal_search"), portalItem: ts.Get("portal_item"),
		portalNotice: ts.Get("portal_notice"), portalForm: ts.Get("portal_form"),
		caseDraft: ts.Get("case_draft"), caseLookup: ts.Get("case_lookup"), caseMine: ts.Get("case_mine"),
		caseReceipt: ts.Get("case_receipt"), caseShow: ts.Get("case_show"),
	}
	if err := ts.Err(); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	return &Handler{Cases: cfg.Cases, auth: cfg.Auth, pages: cfg.Pages, items: cfg.Items(), tmpl: t}, nil
}

// Routes registers the portal's pages on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /portal", h.Home)
	mux.HandleFunc("GET /portal/search", h.search)
	mux.HandleFunc("GET /items/{code}", h.item)
	mux.HandleFunc("GET /items/{code}/notice", h.notice)
	mux.HandleFunc("GET /items/{code}/samples/{n}", h.sample)
	mux.HandleFunc("GET /items/{code}/form", h.itemForm)
	mux.HandleFunc("POST /items/{code}/form", h.itemFormCheck)
	mux.HandleFunc("GET /processes/{key}/chart.svg", h.processChart)
	if h.Casework == nil {
		return
	}
	mux.HandleFunc("POST /items/{code}/apply", requireApplicant(h.pages, h.apply))
	mux.HandleFunc("GET /drafts/{id}", requireApplicant(h.pages, h.draft))
	mux.HandleFunc("POST /drafts/{id}", requireApplicant(h.pages, h.draftSave))
	mux.HandleFunc("GET /my", requireApplicant(h.pages, h.mine))
	mux.HandleFunc("GET /cases/{number}", requireApplicant(h.pages, h.caseShow))
	mux.HandleFunc("GET /cases/{number}/receipt", page.RequireUser(h.receipt))
	mux.HandleFunc("GET /cases/{number}/materials/{sha}", requireApplicant(h.pages, h.caseMaterial))
	mux.HandleFunc("POST /cases/{number}/withdraw", requireApplicant(h.pages, h.caseWithdraw))
	mux.HandleFunc("GET /lookup", h.lookupPage)
	mux.HandleFunc("POST /lookup", h.lookupPage)
}

// requireApplicant wraps a page for applicants only: others are refused
// (403), anonymous visitors sent to log in.
func requireApplicant(p *page.Pages, next page.UserHandler) http.HandlerFunc {
	return page.RequireUser(func(w http.ResponseWriter, r *http.Request, u org.User) {
		if !auth.CanApply(u) {
			p.Forbidden(w, r)
			return
		}
		next(w, r, u)
	})
}
