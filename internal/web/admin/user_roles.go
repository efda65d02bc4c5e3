package admin

import (
	"errors"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/org"
)

// userRoles sets the handling roles a member of staff holds in their department beyond
// their own (兼任: a handler who also reviews). Each must be one the administrator may
// give in that department.
func (h *Handler) userRoles(w http.ResponseWriter, r *http.Request, u org.User) {
	t, ok := h.targetUser(w, r, u)
	if !ok {
		return
	}
	r.ParseForm()
	v := h.pages.NewView(r)
	v.Form.Set("role", string(t.Role))
	var roles []org.Role
	for _, s := range r.PostForm["extra_role"] {
		role := org.Role(s)
		if !h.MayAssign(r.Context(), u, role, t.DepartmentID, "") {
			v.Errors["extra_roles"] = "admin.user.not_assignable"
			h.userEditPage(w, r, u, t, v, http.StatusUnprocessableEntity)
			return
		}
		roles = append(roles, role)
	}
	_, err := h.org.SetExtraRoles(r.Context(), u.Username, t, roles)
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
	h.pages.Redirect(w, r, strings.TrimSuffix(r.URL.Path, "/roles"), "admin.saved")
}

// extraRoleChoices are the handling roles offered for a user's department beyond
// their own, each ticked when they hold it.
func extraRoleChoices(t org.User) []extraRoleChoice {
	if !t.Role.IsStaff() || t.DepartmentID == 0 {
		return nil
	}
	var out []extraRoleChoice
	for _, r := range org.HandlingRoles {
		if r != t.Role {
			out = append(out, extraRoleChoice{Role: r, Held: t.Holds(r)})
		}
	}
	return out
}

type extraRoleChoice struct {
	Role org.Role
	Held bool
}
