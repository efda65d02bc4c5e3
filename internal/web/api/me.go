package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

// apiUser is the JSON shape of a user; identifiers are masked elsewhere,
// here a user sees their own.
type apiUser struct {
	ID            int64  `json:"id"`
	Username      string `json:"username"`
	Role          string `json:"role"`
	ApplicantKind string `json:"applicant_kind,omitempty"`
	DisplayName   string `json:"display_name"`
	DepartmentID  int64  `json:"department_id,omitempty"`
	RegionCode    string `json:"region_code,omitempty"`
	Disabled      bool   `json:"disabled"`
}

func toAPIUser(u org.User) apiUser {
	return apiUser{ID: u.ID, Username: u.Username, Role: string(u.Role), ApplicantKind: string(u.ApplicantKind),
		DisplayName: u.DisplayName, DepartmentID: u.DepartmentID, RegionCode: u.RegionCode, Disabled: u.Disabled}
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request, u org.User) {
	writeJSON(w, http.StatusOK, toAPIUser(u))
}
