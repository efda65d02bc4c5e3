package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

// itemSubmit, itemReturn and itemPublish move a version through review:
// POST /admin/items/{code}/versions/{n}/submit, …/return, …/publish;
// catalog refuses whoever may not.
func (h *Handler) itemSubmit(w http.ResponseWriter, r *http.Request, u org.User) {
	h.versionAction(w, r, u, func(code string, n int) error {
		return h.catalog.Submit(r.Context(), u, code, n)
	}, "catalog.flash.submitted")
}

func (h *Handler) itemReturn(w http.ResponseWriter, r *http.Request, u org.User) {
	h.versionAction(w, r, u, func(code string, n int) error {
		return h.catalog.Return(r.Context(), u, code, n, r.PostForm.Get("reason"))
	}, "catalog.flash.returned")
}

func (h *Handler) itemPublish(w http.ResponseWriter, r *http.Request, u org.User) {
	h.versionAction(w, r, u, func(code string, n int) error {
		return h.catalog.Publish(r.Context(), u, code, n)
	}, "catalog.flash.published")
}
