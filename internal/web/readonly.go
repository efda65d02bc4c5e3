package web

import (
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/api"
	"github.com/shenpi/shenpi/internal/web/request"
)

// writeRefused reports whether a request changes something its user may not change
// anything at all (auth.CanWrite: a supervisor watches and never changes case or
// organisation data), and if so answers it: every state-changing request of such a
// user passes here, whatever handler it is for, so that no handler's omission can let
// one through. Their own session, language and password are theirs to change.
func (s *Server) writeRefused(w http.ResponseWriter, r *http.Request, u org.User) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	if u.ID == 0 || auth.CanWrite(u) || ownAccount(r.URL.Path) {
		return false
	}
	msg := s.msgs.T(request.From(r).Lang, "task.error.read_only", nil)
	if request.IsAPI(r) {
		api.Error(w, http.StatusForbidden, "read_only", msg)
		return true
	}
	s.pages.Forbidden(w, r)
	return true
}

// ownAccount lists what a read-only user may still post: their session, language,
// password and API tokens.
func ownAccount(path string) bool {
	return path == "/logout" || path == "/lang" || path == "/password" || strings.HasPrefix(path, "/account/tokens/") ||
		strings.HasPrefix(path, "/api/v1/me/tokens")
}
