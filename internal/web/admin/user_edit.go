package admin

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

func (h *Handler) userEdit(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := h.targetUser(w, r, u)
	if !ok {
		return
	}
	v := h.pages.NewView(r)
	v.Form.Set("role", string(t.Role))
	h.userEditPage(w, r, u, t, v, http.StatusOK)
}

func (h *Handler) userEditPage(w http.ResponseWriter, r *http.Request, u, t org.User, v *page.View, status int) {
	d, err := h.userFormData(r, u)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	d.Target = t
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.adminUserEdit, v)
}

func (h *Handler) userRole(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := h.targetUser(w, r, u)
	if !ok {
		return
	}
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "role", "department", "region")
	role := org.Role(v.Value("role"))
	if !h.MayAssign(r.Context(), u, role, page.FormInt(v, "department"), v.Value("region")) {
		v.Errors["role"] = "admin.user.not_assignable"
		h.userEditPage(w, r, u, t, v, http.StatusUnprocessableEntity)
		return
	}
	_, err := h.org.SetRole(r.Context(), u.Username, t, role, page.FormInt(v, "department"), v.Value("region"))
	var inv *org.InvalidError
	if errors.As(err, &inv) {
		v.Errors[inv.Field] = inv.Key
		h.userEditPage(w, r, u, t, v, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	h.pages.Redirect(w, r, r.URL.Path[:len(r.URL.Path)-len("/role")], "admin.saved")
}

func (h *Handler) userDisable(w http.ResponseWriter, r *http.Request, u org.User) {
	h.setDisabled(w, r, u, true)
}

func (h *Handler) userEnable(w http.ResponseWriter, r *http.Request, u org.User) {
	h.setDisabled(w, r, u, false)
}

func (h *Handler) setDisabled(w http.ResponseWriter, r *http.Request, u org.User, disabled bool) {
	t, ok := h.targetUser(w, r, u)
	if !ok {
		return
	}
	if err := h.org.SetDisabled(r.Context(), u.Username, t, disabled); err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	if disabled {
		if err := h.auth.EndSessions(r.Context(), t); err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	h.pages.Redirect(w, r, "/admin/users/"+r.PathValue("id"), "admin.saved")
}

// userReset gives the user a new random password, shown once here;
// they must change it at their next login.
func (h *Handler) userReset(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := h.targetUser(w, r, u)
	if !ok {
		return
	}
	password := auth.RandomPassword(16)
	if err := h.org.SetPassword(r.Context(), u.Username, t, auth.HashPassword(password), true); err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	if err := h.auth.EndSessions(r.Context(), t); err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	v := h.pages.NewView(r)
	w.Header().Set("Cache-Control", "no-store")
	v.Data = usersPageData{Target: t, Password: password}
	h.pages.Render(w, r, http.StatusOK, h.tmpl.adminUserPassword, v)
}
