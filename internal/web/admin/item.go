package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/deptnames"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/staffnames"
)

// adminItemData is an item's administration page: its versions and what
// the user may do next.
type adminItemData struct {
	Code       string
	Title      string
	DeptName   string
	Versions   []catalog.Version
	Latest     catalog.Version
	Current    int
	Withdrawn  bool
	CanDraft   bool
	CanPublish bool
	Problem    string           // why the last action was refused
	Names      staffnames.Names // who made, submitted and published the versions
}

// adminItem is an item the user may administer, with what they may do.
type adminItem struct {
	latest               catalog.Version
	canDraft, canPublish bool
}

// loadAdminItem finds the item in the URL for a catalog administrator;
// an item they may not see answers not-found, as if it did not exist.
func (h *Handler) loadAdminItem(w http.ResponseWriter, r *http.Request, u org.User) (adminItem, bool) {
	if !auth.CanOpenCatalogAdmin(u) {
		h.pages.Forbidden(w, r)
		return adminItem{}, false
	}
	latest, err := h.catalog.Latest(r.Context(), r.PathValue("code"))
	if h.pages.Refused(w, r, err) {
		return adminItem{}, false
	}
	dept, region, err := h.items.Department(r.Context(), latest.Department)
	if err != nil || !auth.CanSeeItemDrafts(u, dept, region) {
		h.pages.NotFound(w, r)
		return adminItem{}, false
	}
	return adminItem{latest: latest, canDraft: auth.CanDraftItem(u, dept, region), canPublish: auth.CanPublishItem(u, dept, region)}, true
}

// loadItemVersion loads the item as loadAdminItem does and reads the
// version number {n} of the path; a number that is no version is not found.
func (h *Handler) loadItemVersion(w http.ResponseWriter, r *http.Request, u org.User) (adminItem, int, bool) {
	ai, ok := h.loadAdminItem(w, r, u)
	if !ok {
		return ai, 0, false
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n <= 0 {
		h.pages.NotFound(w, r)
		return ai, 0, false
	}
	return ai, n, true
}

func (h *Handler) item(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := h.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	h.renderAdminItem(w, r, ai, h.pages.NewView(r), "", http.StatusOK)
}

func (h *Handler) renderAdminItem(w http.ResponseWriter, r *http.Request, ai adminItem, v *page.View, problem string, status int) {
	ctx := r.Context()
	c := h.catalog
	// Reload: the action that failed may have raced with another.
	latest, err := c.Latest(ctx, ai.latest.Code)
	if h.pages.Refused(w, r, err) {
		return
	}
	versions, err := c.Versions(ctx, latest.Code)
	if h.pages.Refused(w, r, err) {
		return
	}
	depts, err := deptnames.Load(ctx, h.org)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	var people []string
	for _, ver := range versions {
		people = append(people, ver.CreatedBy, ver.SubmittedBy, ver.PublishedBy)
	}
	names, err := staffnames.Load(ctx, h.org, people...)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	d := adminItemData{Names: names,
		Code: latest.Code, Title: messages.InLang(v.Lang, latest.Name, latest.NameEn), DeptName: depts.Name(latest.Department, v.Lang),
		Versions: versions, Latest: latest, Withdrawn: latest.Withdrawn, CanDraft: ai.canDraft, CanPublish: ai.canPublish,
	}
	for _, ver := range versions {
		if ver.Current {
			d.Current = ver.Number
		}
	}
	if problem != "" {
		d.Problem = v.T(problem)
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.item, v)
}

// actionResult answers a review action: back to the item on success, else
// the item page with the reason and the matching status. reasonField is
// the input the action's reason was typed in.
func (h *Handler) actionResult(w http.ResponseWriter, r *http.Request, ai adminItem, err error, flash, reasonField string) {
	v := h.pages.NewView(r)
	var inv *catalog.InvalidError
	switch {
	case err == nil:
		h.pages.Redirect(w, r, "/admin/items/"+ai.latest.Code, flash)
	case errors.As(err, &inv):
		v.Form.Set(reasonField, strings.TrimSpace(r.PostForm.Get(reasonField)))
		v.Errors[reasonField] = inv.Key
		h.renderAdminItem(w, r, ai, v, "catalog.action.invalid", http.StatusUnprocessableEntity)
	case errors.Is(err, catalog.ErrSelfReview):
		h.renderAdminItem(w, r, ai, v, "catalog.action.self_review", http.StatusForbidden)
	case errors.Is(err, catalog.ErrState), errors.Is(err, catalog.ErrConflict):
		h.renderAdminItem(w, r, ai, v, "catalog.action.state", http.StatusConflict)
	default:
		h.pages.Refused(w, r, err)
	}
}

// versionAction runs a review action on version {n}; catalog asks auth
// whether the user may.
func (h *Handler) versionAction(w http.ResponseWriter, r *http.Request, u org.User, act func(code string, n int) error, flash string) {
	ai, n, ok := h.loadItemVersion(w, r, u)
	if !ok {
		return
	}
	r.ParseForm()
	h.actionResult(w, r, ai, act(ai.latest.Code, n), flash, "reason")
}
