package org_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

func TestRegionTree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		if f.CountyA.Path != "/320000/320100/320102/" {
			t.Fatalf("path %q", f.CountyA.Path)
		}
		if !f.City.Contains(f.CountyA) || f.CountyA.Contains(f.CountyB) || f.CountyA.Contains(f.City) {
			t.Fatal("Contains is wrong")
		}
		under, err := f.Org.Regions(ctx, "320100")
		if err != nil || len(under) != 3 {
			t.Fatalf("regions under the city: %v %v", under, err)
		}
		depts, _ := f.Org.Departments(ctx, "320102")
		if len(depts) != 1 || depts[0].Code != "320102-SCJG" {
			t.Fatalf("departments of county A: %+v", depts)
		}

		bad := []struct {
			name  string
			r     org.Region
			field string
		}{
			{"bad code", org.Region{Code: "32010", Name: "x", ParentCode: "320100"}, "code"},
			{"no name", org.Region{Code: "320105", Name: " ", ParentCode: "320100"}, "name"},
			{"unknown parent", org.Region{Code: "330100", Name: "杭州市", Level: org.City, ParentCode: "330000"}, "parent"},
			{"level skips", org.Region{Code: "320106", Name: "鼓楼区", Level: org.County, ParentCode: "320000"}, "level"},
			{"city without parent", org.Region{Code: "330100", Name: "杭州市", Level: org.City}, "parent"},
		}
		for _, c := range bad {
			_, err := f.Org.CreateRegion(ctx, "test", c.r)
			var inv *org.InvalidError
			if !errors.As(err, &inv) || inv.Field != c.field {
				t.Errorf("%s: got %v, want invalid %s", c.name, err, c.field)
			}
		}
		if _, err := f.Org.CreateRegion(ctx, "test", org.Region{Code: "320102", Name: "again", Level: org.County, ParentCode: "320100"}); !errors.Is(err, org.ErrConflict) {
			t.Fatalf("duplicate region: %v", err)
		}
		all, _ := f.Org.Regions(ctx, "")
		if len(all) != 4 {
			t.Fatalf("a refused region changed something: %d regions", len(all))
		}
	})
}

func TestUsersAndTheirEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		h := f.Users["handlera"]
		if h.RegionCode != "320102" || h.Scope != f.CountyA.Path {
			t.Fatalf("staff take their department's region: %+v", h)
		}
		if _, err := f.Org.CreateUser(ctx, "admin", org.User{Username: "HandlerA", Role: org.RoleHandler, DisplayName: "x", DepartmentID: f.MarketA.ID}, "x"); !isInvalid(err, "username", "org.user.username_taken") {
			t.Fatalf("duplicate username (case-insensitive): %v", err)
		}
		if _, err := f.Org.CreateUser(ctx, "admin", org.User{Username: "citizen9", Role: org.RoleApplicant, ApplicantKind: org.Citizen, DisplayName: "李四", IDNumber: "110105194912310021"}, "x"); !isInvalid(err, "id_number", "ident.resident_id.check") {
			t.Fatalf("bad ID number: %v", err)
		}
		if _, err := f.Org.CreateUser(ctx, "admin", org.User{Username: "company9", Role: org.RoleApplicant, ApplicantKind: org.Company, DisplayName: "某公司", CreditCode: "91350100M000100Y44"}, "x"); !isInvalid(err, "credit_code", "ident.credit_code.check") {
			t.Fatalf("bad credit code: %v", err)
		}
		moved, err := f.Org.SetRole(ctx, "admin", h, org.RoleReviewer, f.MarketB.ID, "")
		if err != nil || moved.Role != org.RoleReviewer || moved.RegionCode != "320104" {
			t.Fatalf("set role: %+v %v", moved, err)
		}
		if err := f.Org.SetPassword(ctx, "admin", h, "y", true); err != nil {
			t.Fatal(err)
		}
		evs, _ := event.Stream(ctx, db, h.Stream())
		var types []string
		for _, e := range evs {
			types = append(types, e.Type)
		}
		want := []string{"user.created", "user.role_changed", "user.password_reset"}
		if len(types) != 3 || types[0] != want[0] || types[1] != want[1] || types[2] != want[2] {
			t.Fatalf("events %v, want %v", types, want)
		}
		u, _ := f.Org.User(ctx, h.ID)
		if !u.MustChange {
			t.Fatal("a reset password must be changed at next login")
		}
	})
}

func isInvalid(err error, field, key string) bool {
	var inv *org.InvalidError
	return errors.As(err, &inv) && inv.Field == field && inv.Key == key
}
