package office

import (
	"mime"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
)

// caseFile serves a material's file for reading in the browser: images and PDFs inline,
// with their own content type, framed only by this site's pages and running nothing
// of the file's own; anything else as a download.
func (h *Handler) caseFile(w http.ResponseWriter, r *http.Request, u org.User) {
	m, ok := h.readableMaterial(w, r, u)
	if !ok {
		return
	}
	data, err := h.Casework.File(m.SHA256)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	disposition := "attachment"
	if r.URL.Query().Get("download") == "" && materialKind(m.ContentType) != "other" {
		disposition = "inline"
	}
	hd := w.Header()
	hd.Set("Content-Type", m.ContentType)
	hd.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": m.Filename}))
	hd.Set("Content-Length", strconv.Itoa(len(data)))
	hd.Set("Cache-Control", "private, no-store")
	// The case page embeds the file (the shell's DENY would stop it); the file itself
	// may load nothing and run nothing.
	hd.Set("X-Frame-Options", "SAMEORIGIN")
	hd.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'")
	w.Write(data)
}
