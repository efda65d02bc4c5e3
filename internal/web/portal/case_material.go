package portal

import (
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// caseMaterial downloads a material of the applicant's own case.
func (h *Handler) caseMaterial(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	cs, err := h.Casework.CaseOf(r.Context(), u.ID, n)
	if h.pages.Refused(w, r, err) {
		return
	}
	sha := r.PathValue("sha")
	for _, m := range cs.Materials {
		if m.SHA256 != sha {
			continue
		}
		// Streamed: a file kept in PostgreSQL comes a chunk at a time.
		f, size, err := h.Casework.OpenFile(sha)
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		defer f.Close()
		w.Header().Set("Content-Type", m.ContentType)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": m.Filename}))
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		w.Header().Set("Cache-Control", "private, no-store")
		io.Copy(w, f)
		return
	}
	h.pages.NotFound(w, r)
}
