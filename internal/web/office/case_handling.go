package office

import (
	"context"
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/refusal"
)

// The handling of a case beside its process's steps: special procedures
// (特别程序), extensions (延期) and fees (收费). The section is drawn by the
// partial _case_handling.html from a handlingSection, on its own page
// (GET /office/cases/{number}/handling) and on the staff case page; each
// action has its file (case_special_start.go and the rest), and a refused
// action shows the page again with the reason and what was typed.

// caseHandling shows the handling page of a case.
func (h *Handler) caseHandling(w http.ResponseWriter, r *http.Request, u org.User) {
	h.caseHandlingRender(w, r, u, h.pages.NewView(r), "", nil)
}

// handlingPage is the handling page's data.
type handlingPage struct {
	Handling handlingSection
}

// caseHandlingRender shows the handling page; when err refuses the action
// of form (special, end, extension, decision, fees, payment), its reason
// is shown by that form with what was typed (v.Form), and the status says
// why.
func (h *Handler) caseHandlingRender(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, form string, err error) {
	n, nerr := apply.CaseNumber(r)
	if h.pages.Refused(w, r, nerr) {
		return
	}
	sec, serr := h.handlingSection(r.Context(), v, u, n)
	if h.pages.Refused(w, r, serr) {
		return
	}
	status := http.StatusOK
	if err != nil {
		a, ok := refusal.Of(err)
		if !ok || errors.Is(err, casework.ErrNotFound) {
			h.pages.Refused(w, r, err)
			return
		}
		status = a.Status
		// A mistake in what was typed is shown by its form; a refusal of
		// the action itself (not the reader's to do, not now) above them
		// all, since its form may not be offered at all.
		if errors.Is(err, refuse.ErrInvalid) {
			sec.Problem = map[string]string{form: v.TArgs(a.Key, a.Args)}
		} else {
			sec.Refusal = v.TArgs(a.Key, a.Args)
		}
	}
	v.Data = handlingPage{Handling: sec}
	h.pages.Render(w, r, status, h.tmpl.caseHandling, v)
}

// handlingSection reads the handling of case n for u: casework checks
// that u may read it (the case's region, from org, for a supervisor).
func (h *Handler) handlingSection(ctx context.Context, v *page.View, u org.User, n casework.Number) (handlingSection, error) {
	cs, err := h.Casework.Case(ctx, n)
	if err != nil {
		return handlingSection{}, err
	}
	region, err := h.Org.Region(ctx, cs.RegionCode)
	if err != nil {
		return handlingSection{}, err
	}
	hv, err := h.Casework.Handling(ctx, u, n, region.Path)
	if err != nil {
		return handlingSection{}, err
	}
	ver, err := h.Catalog.Version(ctx, cs.ItemCode, cs.ItemVersion)
	if err != nil {
		return handlingSection{}, err
	}
	return newHandlingSection(v, hv, casework.FeesOf(ver)), nil
}

// handled answers an action: back to the handling page with a flash
// message, or the page again with the refusal beside form.
func (h *Handler) handled(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, form string, err error, done string) {
	if err != nil {
		h.caseHandlingRender(w, r, u, v, form, err)
		return
	}
	h.pages.Redirect(w, r, "/office/cases/"+r.PathValue("number")+"/handling", done)
}
