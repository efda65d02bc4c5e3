package admin

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// itemImport takes an uploaded catalog file: all of it lands, as
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
