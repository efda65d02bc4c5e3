// Package api serves the JSON API under /api/v1 for scripts and department
// systems: the items, an applicant's own cases and uploads, the caller's
// account and, for administrators, creating users. Callers authenticate
// with a session cookie or a bearer token (shenpi user token). Every
// answer is JSON, errors included: {"error": {"code", "message", "field"?}}.
package api

import (
	"context"
	"net/http"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/tasks"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/request"
)

// Config is what the API needs.
type Config struct {
	Messages *messages.Messages
	Org      *org.Org
	Catalog  *catalog.Catalog
	// Casework holds applications and cases; nil serves no case API.
	Casework *casework.Casework
	// MayAssign checks a role, department and region against what an
	// administrator may give, as the user administration pages do.
	MayAssign func(ctx context.Context, admin org.User, role org.Role, deptID int64, regionCode string) bool
	// LogError logs an internal error with the request's id.
	LogError func(r *http.Request, err error)
	// Auth lists and revokes a user's tokens.
	Auth *auth.Auth
	// DB remembers the Idempotency-Keys of state-changing requests; nil
	// serves without them.
	DB  *store.DB
	Now func() time.Time
	// Tasks is the staff's work on cases; nil serves no staff API.
	Tasks *tasks.Tasks
}

// Handler serves /api/v1.
type Handler struct {
	msgs      *messages.Messages
	org       *org.Org
	catalog   *catalog.Catalog
	casework  *casework.Casework
	items     apply.Items
	mayAssign func(ctx context.Context, admin org.User, role org.Role, deptID int64, regionCode string) bool
	logError  func(r *http.Request, err error)
	auth      *auth.Auth
	db        *store.DB
	now       func() time.Time
	running   runningKeys
	mux       *http.ServeMux
	// rebuilders answer, by route pattern, a retry whose first answer was
	// lost (see rebuilder); a route without one answers 409 unanswered.
	rebuilders map[string]rebuilder
	tasks      *tasks.Tasks
}

// New builds the API's handler.
func New(cfg Config) *Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Handler{msgs: cfg.Messages, org: cfg.Org, catalog: cfg.Catalog, casework: cfg.Casework,
		items: apply.Items{Catalog: cfg.Catalog, Org: cfg.Org}, mayAssign: cfg.MayAssign, logError: cfg.LogError, auth: cfg.Auth,
		db: cfg.DB, now: cfg.Now,
		tasks: cfg.Tasks}
}

// Routes registers the API on the shell's mux, every state-changing
// request through idempotent.
func (h *Handler) Routes(shell *http.ServeMux) {
	mux := http.NewServeMux()
	h.mux = mux
	shell.Handle("/api/", h.idempotent(mux))
	h.rebuilders = map[string]rebuilder{"POST /api/v1/uploads": h.uploadRebuilt, "POST /api/v1/cases": h.caseCreateRebuilt}
	mux.HandleFunc("GET /api/v1/openapi.json", h.openAPI)
	mux.HandleFunc("GET /api/v1/me", h.requireUser(h.me))
	mux.HandleFunc("GET /api/v1/me/tokens", h.requireUser(h.myTokens))
	mux.HandleFunc("DELETE /api/v1/me/tokens/{id}", h.requireUser(h.myTokenRevoke))
	mux.HandleFunc("POST /api/v1/users", h.requireUser(h.userCreate))
	mux.HandleFunc("GET /api/v1/items", h.itemList)
	mux.HandleFunc("GET /api/v1/items/{code}", h.item)
	if h.casework != nil {
		mux.HandleFunc("POST /api/v1/uploads", h.requireApplicant(h.upload))
		mux.HandleFunc("POST /api/v1/cases", h.requireApplicant(h.caseCreate))
		mux.HandleFunc("GET /api/v1/cases", h.requireApplicant(h.cases))
		mux.HandleFunc("GET /api/v1/cases/{number}", h.requireUser(h.caseOne))
		mux.HandleFunc("POST /api/v1/cases/{number}/materials", h.requireApplicant(h.caseMaterial))
		mux.HandleFunc("POST /api/v1/cases/{number}/special-procedures", h.requireWriter(h.caseSpecialStart))
		mux.HandleFunc("POST /api/v1/cases/{number}/special-procedures/{id}/end", h.requireWriter(h.caseSpecialEnd))
		mux.HandleFunc("POST /api/v1/cases/{number}/extensions", h.requireWriter(h.caseExtensionRequest))
		mux.HandleFunc("POST /api/v1/cases/{number}/extensions/{id}/decision", h.requireWriter(h.caseExtensionDecide))
		mux.HandleFunc("POST /api/v1/cases/{number}/fees", h.requireWriter(h.caseFeesAssess))
		mux.HandleFunc("POST /api/v1/cases/{number}/payments", h.requireWriter(h.casePaymentRecord))
	}
	if h.tasks != nil {
		mux.HandleFunc("GET /api/v1/tasks", h.requireUser(h.taskList))
		mux.HandleFunc("POST /api/v1/tasks/{id}/complete", h.requireUser(h.taskAct(tasks.Complete)))
		mux.HandleFunc("POST /api/v1/tasks/{id}/claim", h.requireUser(h.taskAct(tasks.Claim)))
		mux.HandleFunc("POST /api/v1/tasks/{id}/return", h.requireUser(h.taskAct(tasks.Return)))
		mux.HandleFunc("POST /api/v1/tasks/{id}/transfer", h.requireUser(h.taskAct(tasks.Transfer)))
	}
	mux.HandleFunc("/api/", h.notFound)
}

// t translates key into the request's language.
func (h *Handler) t(r *http.Request, key string) string {
	return h.msgs.T(request.From(r).Lang, key, nil)
}

// requireUser answers 401 to a request without a valid session or token.
func (h *Handler) requireUser(next func(http.ResponseWriter, *http.Request, org.User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := request.From(r).User
		if u.ID == 0 {
			Error(w, http.StatusUnauthorized, "unauthorized", h.t(r, "api.unauthorized"))
			return
		}
		next(w, r, u)
	}
}

// requireApplicant answers 403 to anyone but an applicant.
func (h *Handler) requireApplicant(next func(http.ResponseWriter, *http.Request, org.User)) http.HandlerFunc {
	return h.requireUser(func(w http.ResponseWriter, r *http.Request, u org.User) {
		if !auth.CanApply(u) {
			Error(w, http.StatusForbidden, "forbidden", h.t(r, "case.api.applicants_only"))
			return
		}
		next(w, r, u)
	})
}

// notFound answers a path under /api/ that names nothing.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	Error(w, http.StatusNotFound, "not_found", h.t(r, "error.notfound.body"))
}

// internalError logs err and answers it in JSON with the request id.
func (h *Handler) internalError(w http.ResponseWriter, r *http.Request, err error) {
	h.logError(r, err)
	InternalError(w, r, err, func(key string) string { return h.t(r, key) })
}

// InternalError answers a failure in JSON with the request id, the id the
// log names the error by: 503 "unavailable" when the database could not do
// its part (the client may retry later), 500 "internal" otherwise. The
// shell uses it too, for a panic or a failed identification under /api/.
func InternalError(w http.ResponseWriter, r *http.Request, err error, t func(key string) string) {
	status, code, key := http.StatusInternalServerError, "internal", "error.internal.body"
	if store.Unavailable(err) {
		status, code, key = http.StatusServiceUnavailable, "unavailable", "error.unavailable.body"
		w.Header().Set("Retry-After", "5")
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{
		"code": code, "message": t(key), "request_id": request.From(r).ID}})
}
