package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

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
