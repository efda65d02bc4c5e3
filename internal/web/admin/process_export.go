package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

// flowExport downloads a version in the import format.
func (h *Handler) flowExport(w http.ResponseWriter, r *http.Request, u org.User) {
	rec, _, ok := h.loadFlowVersion(w, r, u)
	if !ok {
		return
	}
	b, err := h.processes.Export(r.Context(), rec.Key, rec.Version)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	name := rec.Key + "-v" + r.PathValue("version") + ".json"
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(b)
}
