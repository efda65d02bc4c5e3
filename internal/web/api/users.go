package api

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/request"
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
func (h *Handler) userCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	lang := request.From(r).Lang
	if !auth.CanOpenAdmin(u) {
		Error(w, http.StatusForbidden, "forbidden", h.msgs.T(lang, "error.forbidden.body", nil))
		return
	}
	var req apiUserCreateRequest
	if key, err := decodeJSON(r, &req); key != "" {
		h.badJSON(w, r, key, err)
		return
	}
	role := org.Role(req.Role)
	if !h.mayAssign(r.Context(), u, role, req.DepartmentID, req.RegionCode) {
		Error(w, http.StatusForbidden, "admin.user.not_assignable", h.msgs.T(lang, "admin.user.not_assignable", nil), "role")
		return
	}
	password := auth.RandomPassword(16)
	created, err := h.org.CreateUser(r.Context(), u.Username, org.User{
		Username: req.Username, DisplayName: req.DisplayName, Role: role, DepartmentID: req.DepartmentID,
		RegionCode: req.RegionCode, ApplicantKind: org.ApplicantKind(req.ApplicantKind), IDNumber: req.IDNumber,
		CreditCode: req.CreditCode, Mobile: req.Mobile, Email: req.Email, MustChange: true,
	}, auth.HashPassword(password))
	var inv *org.InvalidError
	if errors.As(err, &inv) {
		Error(w, http.StatusUnprocessableEntity, inv.Key, h.msgs.T(lang, inv.Key, nil), inv.Field)
		return
	}
	if err != nil {
		h.internalError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, map[string]any{"user": toAPIUser(created), "password": password})
}
