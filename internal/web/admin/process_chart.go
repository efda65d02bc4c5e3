package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/chart"
	"github.com/shenpi/shenpi/internal/web/request"
)

// flowChart draws a version as an SVG flow chart. A published or retired version's chart
// is public, as the item guides that show it are (政务公开: the procedure and its chart
// are published); a draft's is for those who may see the definition.
func (h *Handler) flowChart(w http.ResponseWriter, r *http.Request) {
	version, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || version < 1 {
		h.pages.NotFound(w, r)
		return
	}
	rec, err := h.processes.Get(r.Context(), r.PathValue("key"), version)
	if errors.Is(err, process.ErrNotFound) {
		h.pages.NotFound(w, r)
		return
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	if rec.Status == process.StatusDraft {
		u := request.From(r).User
		if u.ID == 0 || !h.newFlowScopes(r.Context()).canSee(u, rec.Scope) {
			h.pages.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "private, no-store")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=86400") // a published version never changes
	}
	chart.Write(w, h.pages.NewView(r), rec.Definition, false)
}
