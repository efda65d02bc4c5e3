package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/web/published"
	"github.com/shenpi/shenpi/internal/web/request"
)

// item is one published item in full, in the import/export format, with
// its version record: GET /api/v1/items/{code}[?version=N]. Like the portal
// it answers not-found for drafts, and for a withdrawn item unless a
// version is asked for.
func (h *Handler) item(w http.ResponseWriter, r *http.Request) {
	lang := request.From(r).Lang
	if raw := r.URL.Query().Get("version"); raw != "" {
		q := r.URL.Query()
		q.Set("v", raw)
		r.URL.RawQuery = q.Encode()
	}
	ver, err := published.Item(r, h.catalog)
	if errors.Is(err, catalog.ErrNotFound) {
		Error(w, http.StatusNotFound, "not_found", h.msgs.T(lang, "catalog.api.not_found", nil))
		return
	}
	if err != nil {
		h.internalError(w, r, err)
		return
	}
	body := map[string]any{
		"item": ver.Item, "version": ver.Number, "state": ver.State, "current": ver.Current, "withdrawn": ver.Withdrawn,
		"published_at": ver.PublishedAt.Format(time.RFC3339),
	}
	writeJSON(w, http.StatusOK, body)
}
