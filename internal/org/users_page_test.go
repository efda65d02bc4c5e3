package org_test

import (
	"context"
	"slices"
	"testing"

	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestUsersPage walks the users list two at a time under each filter an
// administrator uses and finds the whole list, by username, with its total.
func TestUsersPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		for _, filter := range []org.UserFilter{{}, {Scope: f.City.Path}, {DepartmentID: f.MarketA.ID}, {Role: org.RoleHandler}, {Scope: f.CountyB.Path, Role: org.RoleHandler}} {
			all, err := f.Org.Users(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			var want, got []string
			for _, u := range all {
				want = append(want, u.Username)
			}
			req := keyset.Request{Size: 2}
			for {
				p, err := f.Org.UsersPage(ctx, filter, req)
				if err != nil {
					t.Fatal(err)
				}
				if p.Total != len(all) {
					t.Fatalf("%+v: total %d of %d", filter, p.Total, len(all))
				}
				for _, u := range p.Items {
					got = append(got, u.Username)
				}
				if p.Next.IsZero() || len(got) > len(all) {
					break
				}
				req.After = p.Next
			}
			if !slices.Equal(got, want) || len(want) == 0 {
				t.Fatalf("%+v: paged %v, the list is %v", filter, got, want)
			}
		}
	})
}
