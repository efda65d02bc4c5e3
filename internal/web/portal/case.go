package portal

import (
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// caseShow is the applicant's own case: status, steps, materials.
func (h *Handler) caseShow(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	cs, err := h.Casework.CaseOf(r.Context(), u.ID, n)
	if h.pages.Refused(w, r, err) {
		return
	}
	v := h.pages.NewView(r)
	d, err := h.newCaseData(r.Context(), v, cs)
	if h.pages.Refused(w, r, err) {
		return
	}
	if d.Chart, err = h.caseChart(r.Context(), v, cs.Number); h.pages.Refused(w, r, err) {
		return
	}
	v.Data = d
	h.pages.Render(w, r, http.StatusOK, h.tmpl.caseShow, v)
}

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
		data, err := h.Casework.File(sha)
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", m.ContentType)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": m.Filename}))
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Header().Set("Cache-Control", "private, no-store")
		w.Write(data)
		return
	}
	h.pages.NotFound(w, r)
}

// caseWithdraw withdraws the applicant's own undecided case (撤回).
func (h *Handler) caseWithdraw(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		// The department is told why; a withdrawal without a reason is
		// not taken.
		if _, err := h.Casework.CaseOf(r.Context(), u.ID, n); h.pages.Refused(w, r, err) {
			return
		}
		h.pages.Redirect(w, r, "/cases/"+string(n), "case.withdraw.reason_required")
		return
	}
	err = h.Casework.Withdraw(r.Context(), u.Username, u.ID, n, reason)
	if errors.Is(err, casework.ErrNotWithdrawable) {
		h.pages.Redirect(w, r, "/cases/"+string(n), "case.withdraw.too_late")
		return
	}
	if h.pages.Refused(w, r, err) {
		return
	}
	h.pages.Redirect(w, r, "/cases/"+string(n), "case.withdraw.done")
}
