package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/request"
)

// lookupData is the public case lookup (办件查询): by number and query code,
// the status and the dated steps, never who applied or what they wrote.
type lookupData struct {
	Asked         bool
	Found         bool
	Progress      casework.Progress
	Submitted     string
	AcceptanceDue string
	Steps         []stepView
}

// lookupPage answers GET and POST /lookup. A wrong code reads exactly like
// an unknown number, so numbers cannot be probed for the codes.
func (h *Handler) lookupPage(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	r.ParseForm()
	v := h.pages.NewView(r)
	number, code := strings.TrimSpace(r.FormValue("number")), strings.TrimSpace(r.FormValue("code"))
	v.Form.Set("number", number)
	v.Form.Set("code", code)
	d := lookupData{Asked: number != "" || code != ""}
	status := http.StatusOK
	if d.Asked {
		p, err := h.lookup(r, number, code)
		var throttled *auth.ThrottledError
		switch {
		case errors.As(err, &throttled):
			v.Errors["form"] = "auth.attempts.throttled"
			status = http.StatusTooManyRequests
		case err == nil:
			d.Found, d.Progress = true, p
			d.Submitted, d.AcceptanceDue, d.Steps = page.Time(p.SubmittedAt), page.Date(p.AcceptanceDue), stepViews(p)
		case errors.Is(err, casework.ErrNotFound):
			status = http.StatusNotFound
		default:
			h.pages.InternalError(w, r, err)
			return
		}
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.caseLookup, v)
}

// lookup counts every lookup against the address and the case number
// before it looks, so codes cannot be guessed quickly from one address nor
// for one case from many; the right code forgives the case's count.
func (h *Handler) lookup(r *http.Request, number, code string) (casework.Progress, error) {
	keys := auth.LookupKeys(strings.ToUpper(number), request.ClientAddr(r))
	if err := h.auth.Attempt(r.Context(), keys...); err != nil {
		return casework.Progress{}, err
	}
	n, err := casework.ParseNumber(number)
	if err != nil {
		return casework.Progress{}, casework.ErrNotFound
	}
	p, err := h.Casework.Lookup(r.Context(), n, code)
	if err != nil {
		return p, err
	}
	return p, h.auth.Forgive(r.Context(), keys[1])
}
