package admin

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

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
