package page

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/web/refusal"
)

// refusedData is the page of a refusal that carries its own reason.
type refusedData struct {
	Title, Body string
}

// Refused answers err with a page: a refusal with its status and reason,
// anything else as an internal error. It reports whether err was non-nil,
// so a handler writes `if h.pages.Refused(w, r, err) { return }`.
func (p *Pages) Refused(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	a, ok := refusal.Of(err)
	if !ok {
		p.InternalError(w, r, err)
		return true
	}
	v := p.NewView(r)
	v.Data = refusedData{Title: v.T("error." + a.Page + ".title"), Body: p.msgs.T(v.Lang, a.Key, a.Args)}
	p.Render(w, r, a.Status, p.refused, v)
	return true
}
