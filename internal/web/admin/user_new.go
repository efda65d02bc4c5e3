package admin

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

var userFields = []string{"username", "display_name", "role", "department", "region", "mobile", "email", "kind", "id_number", "credit_code"}

func (h *Handler) userNew(w http.ResponseWriter, r *http.Request, u org.User) {
	h.userForm(w, r, u, h.pages.NewView(r), http.StatusOK)
}

func (h *Handler) userForm(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, status int) {
	if !auth.CanOpenAdmin(u) {
		h.pages.Forbidden(w, r)
		return
	}
	d, err := h.userFormData(r, u)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.adminUserNew, v)
}

func (h *Handler) userCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, userFields...)
	if !auth.CanOpenAdmin(u) {
		h.pages.Forbidden(w, r)
		return
	}
	role := org.Role(v.Value("role"))
	if !h.MayAssign(r.Context(), u, role, page.FormInt(v, "department"), v.Value("region")) {
		v.Errors["role"] = "admin.user.not_assignable"
		h.userForm(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	password := auth.RandomPassword(16)
	created, err := h.org.CreateUser(r.Context(), u.Username, org.User{
		Username: v.Value("username"), DisplayName: v.Value("display_name"), Role: role,
		DepartmentID: page.FormInt(v, "department"), RegionCode: v.Value("region"),
		Mobile: v.Value("mobile"), Email: v.Value("email"), ApplicantKind: org.ApplicantKind(v.Value("kind")),
		IDNumber: v.Value("id_number"), CreditCode: v.Value("credit_code"), MustChange: true,
	}, auth.HashPassword(password))
	var inv *org.InvalidError
	if errors.As(err, &inv) {
		v.Errors[inv.Field] = inv.Key
		h.userForm(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	v.Data = usersPageData{Target: created, Password: password}
	h.pages.Render(w, r, http.StatusOK, h.tmpl.adminUserPassword, v)
}
