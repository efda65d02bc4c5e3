package admin

import (
	"context"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

// usersPageData lists the users an administrator may see, and what the
// create and edit forms offer.
type usersPageData struct {
	Users       []org.User
	Pager       page.Pager
	Target      org.User
	ExtraRoles  []extraRoleChoice // the roles the target may hold beyond their own
	Roles       []org.Role
	Departments []org.Department
	Regions     []org.Region
	Password    string // a new password, shown once
	Tokens      []auth.Token
	TokensAt    string // where the token list's revoke buttons post, under …/{id}/revoke
}

func (h *Handler) users(w http.ResponseWriter, r *http.Request, u org.User) {
	if !auth.CanOpenAdmin(u) {
		h.pages.Forbidden(w, r)
		return
	}
	f := org.UserFilter{Scope: u.Scope, Role: org.Role(r.URL.Query().Get("role"))}
	if u.Role == org.RoleDeptAdmin {
		f = org.UserFilter{DepartmentID: u.DepartmentID}
	}
	req, err := keyset.FromQuery(r.URL.Query(), org.UsersOrderColumns)
	if h.pages.Refused(w, r, err) {
		return
	}
	users, err := h.org.UsersPage(r.Context(), f, req)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	v := h.pages.NewView(r)
	v.Data = usersPageData{Users: users.Items, Pager: page.PagerOf(r, users), Roles: auth.AssignableRoles(u)}
	h.pages.Render(w, r, http.StatusOK, h.tmpl.adminUsers, v)
}

// userFormData fills the choices of the create and edit forms.
func (h *Handler) userFormData(r *http.Request, u org.User) (usersPageData, error) {
	reach, err := auth.ReachOf(r.Context(), h.org, u)
	return usersPageData{Roles: auth.AssignableRoles(u), Departments: reach.Departments, Regions: reach.Regions}, err
}

// targetUser loads the user named in the URL, answering not-found for a
// user the administrator may not administer.
func (h *Handler) targetUser(w http.ResponseWriter, r *http.Request, admin org.User) (org.User, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.pages.NotFound(w, r)
		return org.User{}, false
	}
	t, err := h.org.User(r.Context(), id)
	if err != nil || !auth.CanAdministerUser(admin, t) {
		h.pages.NotFound(w, r)
		return org.User{}, false
	}
	return t, true
}

// MayAssign checks role, department and region from a form against what
// the administrator may give.
func (h *Handler) MayAssign(ctx context.Context, admin org.User, role org.Role, deptID int64, regionCode string) bool {
	var dept org.Department
	var deptRegion, region org.Region
	if role.IsStaff() {
		d, err := h.org.Department(ctx, deptID)
		if err != nil {
			return false
		}
		dept = d
		if deptRegion, err = h.org.Region(ctx, d.RegionCode); err != nil {
			return false
		}
	} else if role != org.RoleApplicant {
		reg, err := h.org.Region(ctx, regionCode)
		if err != nil {
			return false
		}
		region = reg
	}
	return auth.CanAssign(admin, role, dept, deptRegion, region)
}
