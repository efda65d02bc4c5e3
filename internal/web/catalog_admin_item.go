package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
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
	Problem    string // why the last action was refused
}

// adminItem is an item the user may administer, with what they may do.
type adminItem struct {
	latest               catalog.Version
	canDraft, canPublish bool
}

// loadAdminItem finds the item in the URL for a catalogue administrator;
// an item they may not see answers not-found, as if it did not exist.
func (s *Server) loadAdminItem(w http.ResponseWriter, r *http.Request, u org.User) (adminItem, bool) {
	if !auth.CanOpenCatalogAdmin(u) {
		s.forbidden(w, r)
		return adminItem{}, false
	}
	latest, err := s.itemCatalog().Latest(r.Context(), r.PathValue("code"))
	if s.refused(w, r, err) {
		return adminItem{}, false
	}
	dept, region, err := s.itemDepartment(r.Context(), latest.Department)
	if err != nil || !auth.CanSeeItemDrafts(u, dept, region) {
		s.notFound(w, r)
		return adminItem{}, false
	}
	return adminItem{latest: latest, canDraft: auth.CanDraftItem(u, dept, region), canPublish: auth.CanPublishItem(u, dept, region)}, true
}

// versionNumber reads {n} from the URL.
func versionNumber(r *http.Request) (int, bool) {
	n, err := strconv.Atoi(r.PathValue("n"))
	return n, err == nil && n > 0
}

func (s *Server) catalogAdminItem(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := s.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	s.renderAdminItem(w, r, ai, s.newView(r), "", http.StatusOK)
}

func (s *Server) renderAdminItem(w http.ResponseWriter, r *http.Request, ai adminItem, v *view, problem string, status int) {
	ctx := r.Context()
	c := s.itemCatalog()
	// Reload: the action that failed may have raced with another.
	latest, err := c.Latest(ctx, ai.latest.Code)
	if s.refused(w, r, err) {
		return
	}
	versions, err := c.Versions(ctx, latest.Code)
	if s.refused(w, r, err) {
		return
	}
	depts, err := s.departmentIndex(ctx)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	d := adminItemData{
		Code: latest.Code, Title: inLang(v.Lang, latest.Name, latest.NameEn), DeptName: depts.name(latest.Department, v.Lang),
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
	s.render(w, r, status, "catalog_admin_item", v)
}

// actionResult answers a review action: back to the item on success, else
// the item page with the reason and the matching status. reasonField is
// the input the action's reason was typed in.
func (s *Server) actionResult(w http.ResponseWriter, r *http.Request, ai adminItem, err error, flash, reasonField string) {
	v := s.newView(r)
	var inv *catalog.InvalidError
	switch {
	case err == nil:
		s.redirect(w, r, "/admin/items/"+ai.latest.Code, flash)
	case errors.As(err, &inv):
		v.Form.Set(reasonField, strings.TrimSpace(r.PostForm.Get(reasonField)))
		v.Errors[reasonField] = inv.Key
		s.renderAdminItem(w, r, ai, v, "catalog.action.invalid", http.StatusUnprocessableEntity)
	case errors.Is(err, catalog.ErrSelfReview):
		s.renderAdminItem(w, r, ai, v, "catalog.action.self_review", http.StatusForbidden)
	case errors.Is(err, catalog.ErrState), errors.Is(err, catalog.ErrConflict):
		s.renderAdminItem(w, r, ai, v, "catalog.action.state", http.StatusConflict)
	default:
		s.refused(w, r, err)
	}
}

// versionAction runs a review action on version {n} for a user allowed by
// may; others may not act on an item they can see.
func (s *Server) versionAction(w http.ResponseWriter, r *http.Request, u org.User, may func(adminItem) bool,
	act func(code string, n int) error, flash string) {
	ai, ok := s.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	n, ok := versionNumber(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	if !may(ai) {
		s.forbidden(w, r)
		return
	}
	r.ParseForm()
	s.actionResult(w, r, ai, act(ai.latest.Code, n), flash, "reason")
}

func mayDraft(ai adminItem) bool   { return ai.canDraft }
func mayPublish(ai adminItem) bool { return ai.canPublish }

func (s *Server) catalogAdminSubmit(w http.ResponseWriter, r *http.Request, u org.User) {
	s.versionAction(w, r, u, mayDraft, func(code string, n int) error {
		return s.itemCatalog().Submit(r.Context(), u.Username, code, n)
	}, "catalog.flash.submitted")
}

func (s *Server) catalogAdminReturn(w http.ResponseWriter, r *http.Request, u org.User) {
	s.versionAction(w, r, u, mayPublish, func(code string, n int) error {
		return s.itemCatalog().Return(r.Context(), u.Username, code, n, r.PostForm.Get("reason"))
	}, "catalog.flash.returned")
}

func (s *Server) catalogAdminPublish(w http.ResponseWriter, r *http.Request, u org.User) {
	s.versionAction(w, r, u, mayPublish, func(code string, n int) error {
		return s.itemCatalog().Publish(r.Context(), u.Username, code, n)
	}, "catalog.flash.published")
}

// catalogAdminNewVersion starts a new draft from the published version and
// opens it in the editor.
func (s *Server) catalogAdminNewVersion(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := s.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	if !ai.canDraft {
		s.forbidden(w, r)
		return
	}
	ver, err := s.itemCatalog().NewVersion(r.Context(), u.Username, ai.latest.Code)
	if err != nil {
		s.actionResult(w, r, ai, err, "", "reason")
		return
	}
	s.redirect(w, r, "/admin/items/"+ver.Code+"/versions/"+strconv.Itoa(ver.Number)+"/edit", "catalog.flash.new_version")
}

// catalogAdminWithdraw takes an item off the portal, with a reason.
func (s *Server) catalogAdminWithdraw(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := s.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	if !ai.canPublish {
		s.forbidden(w, r)
		return
	}
	r.ParseForm()
	err := s.itemCatalog().Withdraw(r.Context(), u.Username, ai.latest.Code, r.PostForm.Get("withdraw_reason"))
	s.actionResult(w, r, ai, err, "catalog.flash.withdrawn", "withdraw_reason")
}

// catalogAdminPreview shows any version as its guide, for review.
func (s *Server) catalogAdminPreview(w http.ResponseWriter, r *http.Request, u org.User) {
	ai, ok := s.loadAdminItem(w, r, u)
	if !ok {
		return
	}
	n, ok := versionNumber(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	ver, err := s.itemCatalog().Version(r.Context(), ai.latest.Code, n)
	if s.refused(w, r, err) {
		return
	}
	v := s.newView(r)
	d, err := s.guide(r, v, ver)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	d.Preview, d.Query = true, "?v="+strconv.Itoa(ver.Number)
	v.Data = d
	s.render(w, r, http.StatusOK, "portal_item", v)
}
