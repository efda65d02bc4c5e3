package web

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/refuse"
)

// A refusal's kind decides its status and its API code, here and nowhere
// else; a handler that has a better answer for one refusal (the form again
// with the problem beside its field, say) gives it before calling refused.
var refusalKinds = []struct {
	kind   error
	status int
	code   string
	page   string // the page, and the prefix of its title and body keys
}{
	{refuse.ErrNotFound, http.StatusNotFound, "not_found", "notfound"},
	{refuse.ErrForbidden, http.StatusForbidden, "forbidden", "forbidden"},
	{refuse.ErrConflict, http.StatusConflict, "conflict", "conflict"},
	{refuse.ErrInvalid, http.StatusUnprocessableEntity, "invalid", "invalid"},
}

// refusedData is the page of a refusal that carries its own reason.
type refusedData struct {
	Title, Body string
}

// refused answers err when it is a refusal (under /api/ as JSON
// {"error": {code, message, field}}, elsewhere as a page with the reason)
// and anything else as an internal error; it reports whether err was
// non-nil, so a handler writes `if s.refused(w, r, err) { return }`.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	for _, k := range refusalKinds {
		if !errors.Is(err, k.kind) {
			continue
		}
		var re *refuse.Error
		errors.As(err, &re)
		key, field, code := "error."+k.page+".body", "", k.code
		var args map[string]any
		if re != nil && re.Key != "" {
			key, field, args = re.Key, re.Field, re.Args
		}
		if re != nil && re.Code != "" {
			code = re.Code
		}
		if isAPI(r) {
			apiError(w, k.status, code, s.cat.T(reqCtx(r).lang, key, args), field)
			return true
		}
		v := s.newView(r)
		v.Data = refusedData{Title: v.T("error." + k.page + ".title"), Body: s.cat.T(v.Lang, key, args)}
		s.render(w, r, k.status, "refused", v)
		return true
	}
	s.internalError(w, r, err)
	return true
}
