package admin

import (
	"fmt"
	"net/http"

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
	d.Target, d.ExtraRoles = t, extraRoleChoices(t)
	d.TokensAt = fmt.Sprintf("/admin/users/%d/tokens", t.ID)
	if d.Tokens, err = h.auth.Tokens(r.Context(), u, t); err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.adminUserEdit, v)
}
