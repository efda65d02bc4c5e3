package admin

import (
	"context"
	"errors"
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

// adminScope is the departments whose items a catalogue administrator
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

// itemExport downloads the published items of the user's
// departments in the import format.
func (h *Handler) itemExport(w http.ResponseWriter, r *http.Request, u org.User) {
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
	doc := catalog.Document{Format: catalog.DocumentFormat, Version: catalog.DocumentVersion, Items: []catalog.Item{}}
	if len(sc.Departments) > 0 {
		if doc, err = h.catalog.Export(ctx, catalog.ListFilter{Departments: sc.Codes()}); err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	name := "shenpi-catalog-" + h.now().In(page.Zone).Format("20060102") + ".json"
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	doc.WriteJSON(w)
}

// itemImport takes an uploaded catalogue file: all of it lands, as
// drafts (or published, for a system administrator who asks), or nothing
// does and every problem is listed with its item and field.
func (h *Handler) itemImport(w http.ResponseWriter, r *http.Request, u org.User) {
	if !auth.CanOpenCatalogAdmin(u) {
		h.pages.Forbidden(w, r)
		return
	}
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, catalog.MaxImportBytes+1<<20)
	v := h.pages.NewView(r)
	fail := func(problems []*catalog.InvalidError) {
		d := adminListData{}
		for _, p := range problems {
			d.Problems = append(d.Problems, importProblemView{Item: p.Item, Field: p.Field, Message: v.TArgs(p.Key, p.Args)})
		}
		h.renderAdminList(w, r, u, v, d, http.StatusUnprocessableEntity)
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		fail([]*catalog.InvalidError{{Key: "catalog.import.too_large", Args: map[string]any{"Max": catalog.MaxImportBytes >> 20}}})
		return
	}
	publish := r.PostForm.Get("publish") != ""
	file, _, err := r.FormFile("file")
	if err != nil {
		fail([]*catalog.InvalidError{{Field: "file", Key: "catalog.import.no_file"}})
		return
	}
	defer file.Close()
	doc, err := catalog.ParseDocument(file)
	var ie *catalog.ImportError
	if errors.As(err, &ie) {
		fail(ie.Problems)
		return
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	rep, err := h.catalog.ImportAs(ctx, u, doc, publish)
	if errors.As(err, &ie) {
		fail(ie.Problems)
		return
	}
	if h.pages.Refused(w, r, err) {
		return
	}
	h.renderAdminList(w, r, u, v, adminListData{Report: &rep}, http.StatusOK)
}
