package web

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

// apiUserCreateRequest is the body of POST /api/v1/users.
type apiUserCreateRequest struct {
	Username      string `json:"username"`
	DisplayName   string `json:"display_name"`
	Role          string `json:"role"`
	DepartmentID  int64  `json:"department_id"`
	RegionCode    string `json:"region_code"`
	ApplicantKind string `json:"applicant_kind"`
	IDNumber      string `json:"id_number"`
	CreditCode    string `json:"credit_code"`
	Mobile        string `json:"mobile"`
	Email         string `json:"email"`
}

// apiUserCreate creates a user for an administrator's script; the answer
// carries the one-time password.
func (s *Server) apiUserCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	lang := reqCtx(r).lang
	if !auth.CanOpenAdmin(u) {
		apiError(w, http.StatusForbidden, "forbidden", s.cat.T(lang, "error.forbidden.body", nil))
		return
	}
	var req apiUserCreateRequest
	if key, err := decodeJSON(r, &req); key != "" {
		s.apiBadJSON(w, r, key, err)
		return
	}
	role := org.Role(req.Role)
	if !s.mayAssign(r, u, role, req.DepartmentID, req.RegionCode) {
		apiError(w, http.StatusForbidden, "admin.user.not_assignable", s.cat.T(lang, "admin.user.not_assignable", nil), "role")
		return
	}
	password := auth.RandomPassword(16)
	created, err := s.cfg.Org.CreateUser(r.Context(), u.Username, org.User{
		Username: req.Username, DisplayName: req.DisplayName, Role: role, DepartmentID: req.DepartmentID,
		RegionCode: req.RegionCode, ApplicantKind: org.ApplicantKind(req.ApplicantKind), IDNumber: req.IDNumber,
		CreditCode: req.CreditCode, Mobile: req.Mobile, Email: req.Email, MustChange: true,
	}, auth.HashPassword(password))
	var inv *org.InvalidError
	if errors.As(err, &inv) {
		apiError(w, http.StatusUnprocessableEntity, inv.Key, s.cat.T(lang, inv.Key, nil), inv.Field)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, map[string]any{"user": toAPIUser(created), "password": password})
}
