package org_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestExtraRoles: a handler also holds the reviewer's role in their department: the
// department's reviewers include them, each change is an event; a role that is not a
// handling role, or a user who is not staff, is refused; moving to another department
// takes the further roles away.
func TestExtraRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		h := f.Users["handlera"]
		got, err := f.Org.SetExtraRoles(ctx, "deptadmina", h, []org.Role{org.RoleReviewer, org.RoleHandler, org.RoleReviewer})
		if err != nil || !slices.Equal(got.ExtraRoles, []org.Role{org.RoleReviewer}) || !got.Holds(org.RoleReviewer) || got.Holds(org.RoleApprover) {
			t.Fatalf("set: %+v %v", got, err)
		}
		reviewers, err := f.Org.Users(ctx, org.UserFilter{DepartmentID: f.MarketA.ID, Role: org.RoleReviewer})
		if err != nil || len(reviewers) != 1 || reviewers[0].Username != "handlera" {
			t.Fatalf("the department's reviewers: %+v %v", reviewers, err)
		}
		evs, err := event.Stream(ctx, db, h.Stream())
		if err != nil || evs[len(evs)-1].Type != org.EventExtraRolesSet {
			t.Fatalf("events: %v %v", evs, err)
		}
		var inv *org.InvalidError
		for _, c := range []struct {
			who   string
			roles []org.Role
		}{{"handlera", []org.Role{org.RoleSysAdmin}}, {"citizen1", []org.Role{org.RoleHandler}}, {"supera", []org.Role{org.RoleApprover}}} {
			if _, err := f.Org.SetExtraRoles(ctx, "admin", f.Users[c.who], c.roles); !errors.As(err, &inv) {
				t.Errorf("%s given %v: %v", c.who, c.roles, err)
			}
		}
		moved, err := f.Org.SetRole(ctx, "admin", got, org.RoleHandler, f.MarketB.ID, "")
		if err != nil || len(moved.ExtraRoles) != 0 {
			t.Fatalf("moved to another department: %+v %v", moved, err)
		}
	})
}
