package web

import (
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
)

// caseShow is the applicant's own case: status, steps, materials.
func (s *Server) caseShow(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := parseCaseNumber(r)
	if s.refused(w, r, err) {
		return
	}
	cs, err := s.cfg.Casework.CaseOf(r.Context(), u.ID, n)
	if s.refused(w, r, err) {
		return
	}
	v := s.newView(r)
	d, err := s.newCaseData(r.Context(), v, cs)
	if s.refused(w, r, err) {
		return
	}
	if d.Chart, err = s.caseChart(r.Context(), v, cs.Number); s.refused(w, r, err) {
		return
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "case_show", v)
}

// caseMaterial downloads a material of the applicant's own case.
func (s *Server) caseMaterial(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := parseCaseNumber(r)
	if s.refused(w, r, err) {
		return
	}
	cs, err := s.cfg.Casework.CaseOf(r.Context(), u.ID, n)
	if s.refused(w, r, err) {
		return
	}
	sha := r.PathValue("sha")
	for _, m := range cs.Materials {
		if m.SHA256 != sha {
			continue
		}
		data, err := s.cfg.Casework.File(sha)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", m.ContentType)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": m.Filename}))
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Header().Set("Cache-Control", "private, no-store")
		w.Write(data)
		return
	}
	s.notFound(w, r)
}

// caseWithdraw withdraws the applicant's own undecided case (撤回).
func (s *Server) caseWithdraw(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := parseCaseNumber(r)
	if s.refused(w, r, err) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		// The department is told why; a withdrawal without a reason is
		// not taken.
		if _, err := s.cfg.Casework.CaseOf(r.Context(), u.ID, n); s.refused(w, r, err) {
			return
		}
		s.redirect(w, r, "/cases/"+string(n), "case.withdraw.reason_required")
		return
	}
	err = s.cfg.Casework.Withdraw(r.Context(), u.Username, u.ID, n, reason)
	if errors.Is(err, casework.ErrNotWithdrawable) {
		s.redirect(w, r, "/cases/"+string(n), "case.withdraw.too_late")
		return
	}
	if s.refused(w, r, err) {
		return
	}
	s.redirect(w, r, "/cases/"+string(n), "case.withdraw.done")
}
