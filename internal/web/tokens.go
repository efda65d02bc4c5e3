package web

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

// tokenData is the user's own token page: the list partial's data.
type tokenData struct {
	Tokens   []auth.Token
	TokensAt string
}

// tokenList shows the signed-in user's live API tokens.
func (s *Server) tokenList(w http.ResponseWriter, r *http.Request, u org.User) {
	tokens, err := s.cfg.Auth.Tokens(r.Context(), u, u)
	if s.pages.Refused(w, r, err) {
		return
	}
	v := s.newView(r)
	v.Data = tokenData{Tokens: tokens, TokensAt: "/account/tokens"}
	s.pages.Render(w, r, http.StatusOK, s.tmpl.tokens, v)
}

// tokenRevoke revokes one of the signed-in user's tokens; an id that is
// not theirs is not found.
func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request, u org.User) {
	id, err := strconv.ParseInt(r.PathValue("token"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if s.pages.Refused(w, r, s.cfg.Auth.RevokeToken(r.Context(), u, u, id)) {
		return
	}
	s.redirect(w, r, "/account/tokens", "tokens.revoked")
}
