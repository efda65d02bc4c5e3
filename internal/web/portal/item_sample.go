package portal

import (
	"mime"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/web/published"
)

// sample downloads the sample of material n (from 1).
func (h *Handler) sample(w http.ResponseWriter, r *http.Request) {
	ver, err := published.Item(r, h.Catalog)
	if h.pages.Refused(w, r, err) {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		h.pages.NotFound(w, r)
		return
	}
	ref, data, err := h.Catalog.Sample(r.Context(), ver, n-1)
	if h.pages.Refused(w, r, err) {
		return
	}
	w.Header().Set("Content-Type", ref.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": ref.Name}))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "public, max-age=86400, immutable")
	w.Write(data)
}
