package web

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

// caseReceipt is the printable receipt (接件凭证) of a case: for its
// applicant, or for a clerk of its department at the window.
func (s *Server) caseReceipt(w http.ResponseWriter, r *http.Request, u org.User) {
	n, err := parseCaseNumber(r)
	if s.refused(w, r, err) {
		return
	}
	cs, err := s.cfg.Casework.Case(r.Context(), n)
	if s.refused(w, r, err) {
		return
	}
	if !auth.CanPrintReceipt(u, cs.ApplicantID, cs.DepartmentID) {
		s.notFound(w, r)
		return
	}
	v := s.newView(r)
	d, err := s.newCaseData(r.Context(), v, cs)
	if s.refused(w, r, err) {
		return
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "case_receipt", v)
}
