package portal

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/chart"
)

// processChart draws the version of a process that is in force, for
// the item guides: public, like the guides.
func (h *Handler) processChart(w http.ResponseWriter, r *http.Request) {
	versions, err := h.Processes.Versions(r.Context(), r.PathValue("key"))
	if err != nil {
		h.pages.NotFound(w, r)
		return
	}
	for _, v := range versions {
		if v.Status != process.StatusPublished {
			continue
		}
		rec, err := h.Processes.Get(r.Context(), r.PathValue("key"), v.Version)
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=300") // a new version may be published
		chart.Write(w, h.pages.NewView(r), rec.Definition, true)
		return
	}
	h.pages.NotFound(w, r)
}
