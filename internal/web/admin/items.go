package admin

import (
	"context"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/deptnames"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/page"
)

// adminListData is the item administration's front page, and the result of
// an import.
type adminListData struct {
	Items     []adminListRow
	CanCreate bool
	CanImport bool
	// CanPublishImport: the user may import items as published at once.
	CanPublishImport bool
	Report           *catalog.ImportReport
	Problems         []importProblemView
}

type adminListRow struct {
	catalog.Summary
	Title    string
	DeptName string
}

type importProblemView struct {
	Item, Field, Message string
}

// adminScope is the departments whose items a catalog administrator
// sees (auth.ReachOf), and which of them they may draft for.
type adminScope struct {
	auth.Reach
	draftable []org.Department
}

func (h *Handler) adminCatalogScope(ctx context.Context, u org.User) (adminScope, error) {
	reach, err := auth.ReachOf(ctx, h.org, u)
	if err != nil {
		return adminScope{}, err
	}
	draftable, err := h.catalog.Draftable(ctx, u)
	return adminScope{Reach: reach, draftable: draftable}, err
}

// itemList lists the items of the departments the user looks after,
// with the state of their newest version.
func (h *Handler) itemList(w http.ResponseWriter, r *http.Request, u org.User) {
	h.renderAdminList(w, r, u, h.pages.NewView(r), adminListData{}, http.StatusOK)
}

func (h *Handler) renderAdminList(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, d adminListData, status int) {
	if !auth.CanOpenCatalogAdmin(u) {
		h.pages.Forbidden(w, r)
		return
	}
	ctx := r.Context()
	sc, err := h.adminCatalogScope(ctx, u)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	var items []catalog.Summary
	if len(sc.Departments) > 0 {
		if items, err = h.catalog.Items(ctx, catalog.ListFilter{Departments: sc.Codes()}); err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	depts, err := deptnames.Load(ctx, h.org)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	for _, it := range items {
		d.Items = append(d.Items, adminListRow{Summary: it, Title: messages.InLang(v.Lang, it.Name, it.NameEn), DeptName: depts.Name(it.Department, v.Lang)})
	}
	d.CanCreate = len(sc.draftable) > 0
	d.CanImport = d.CanCreate
	d.CanPublishImport = auth.CanImportPublished(u)
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.itemList, v)
}
