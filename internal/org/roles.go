package org

import (
	"context"
	"slices"
	"strings"

	"github.com/shenpi/shenpi/internal/store"
)

// HandlingRoles are the roles of a department's staff that tasks go to; a member of
// staff may hold several of them (兼任), one as their own Role and the others as
// ExtraRoles.
var HandlingRoles = []Role{RoleClerk, RoleHandler, RoleReviewer, RoleApprover}

// Holds reports whether u holds role, as their own or as one held beyond it.
func (u User) Holds(role Role) bool {
	return u.Role == role || slices.Contains(u.ExtraRoles, role)
}

// SetExtraRoles gives a member of staff the handling roles in their department beyond
// their own (none to take them all away). An applicant, a supervisor or an
// administrator of the system holds none; a role they already hold as their own is
// not repeated.
func (o *Org) SetExtraRoles(ctx context.Context, actor string, u User, roles []Role) (User, error) {
	var extra []Role
	for _, r := range roles {
		switch {
		case !slices.Contains(HandlingRoles, r):
			return u, invalid("extra_roles", "org.user.extra_role")
		case r != u.Role && !slices.Contains(extra, r):
			extra = append(extra, r)
		}
	}
	if len(extra) > 0 && (!u.Role.IsStaff() || u.DepartmentID == 0) {
		return u, invalid("extra_roles", "org.user.extra_role_staff")
	}
	slices.Sort(extra)
	payload := ExtraRolesPayload{Username: u.Username, Roles: extra}
	err := o.change(ctx, actor, u.Stream(), EventExtraRolesSet, payload, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE users SET extra_roles = ?, updated_at = ? WHERE id = ?`, encodeRoles(u.Role, extra), store.Micros(o.now()), u.ID)
		return err
	})
	if err != nil {
		return u, err
	}
	return o.User(ctx, u.ID)
}

// encodeRoles stores roles beyond own as ",a,b," (see migration 0242), "" for none.
func encodeRoles(own Role, roles []Role) string {
	var b strings.Builder
	for _, r := range roles {
		if r != own {
			b.WriteString("," + string(r))
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + ","
}

func decodeRoles(s string) []Role {
	var out []Role
	for r := range strings.SplitSeq(strings.Trim(s, ","), ",") {
		if r != "" {
			out = append(out, Role(r))
		}
	}
	return out
}
