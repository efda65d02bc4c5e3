package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/shenpi/shenpi/internal/org"
)

// apiToken is the JSON shape of a listed token: never the token itself.
type apiToken struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// myTokens lists the caller's own live tokens.
func (h *Handler) myTokens(w http.ResponseWriter, r *http.Request, u org.User) {
	tokens, err := h.auth.Tokens(r.Context(), u, u)
	if h.refused(w, r, err) {
		return
	}
	out := make([]apiToken, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, apiToken{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt})
	}
	writeJSON(w, http.StatusOK, out)
}

// myTokenRevoke revokes one of the caller's own tokens (the one in use too).
func (h *Handler) myTokenRevoke(w http.ResponseWriter, r *http.Request, u org.User) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.notFound(w, r)
		return
	}
	if h.refused(w, r, h.auth.RevokeToken(r.Context(), u, u, id)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
