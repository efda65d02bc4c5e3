package site_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestIdentity: a system administrator sets the site's identity for a region
// in their scope, with an event; anyone else is refused, a bad identity is
// refused by field, and a refusal writes nothing.
func TestIdentity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		s := site.New(db, f.Org, orgtest.Clock)
		if id := s.Identity(ctx); id.Name != "" {
			t.Fatalf("an identity before any was set: %+v", id)
		}
		county, err := f.Org.CreateUser(ctx, "test", org.User{Username: "adminq", Role: org.RoleSysAdmin, DisplayName: "秦淮管理员", RegionCode: "320104"}, "x")
		if err != nil {
			t.Fatal(err)
		}
		good := site.Identity{Name: " 南京市玄武区政务服务网 ", NameEn: "Xuanwu Government Services", RegionCode: "320102", Contact: "025-12345"}
		for _, u := range []org.User{f.Users["deptadmina"], f.Users["supercity"], f.Users["clerka"], f.Users["citizen1"]} {
			if _, err := s.Set(ctx, u, good); !errors.Is(err, site.ErrMayNotSet) {
				t.Errorf("%s set the identity: %v", u.Username, err)
			}
		}
		for _, c := range []struct {
			who   org.User
			id    site.Identity
			field string
		}{
			{f.Users["admin"], site.Identity{RegionCode: "320102"}, "name"},
			{f.Users["admin"], site.Identity{Name: "网", RegionCode: "999999"}, "region_code"},
			{f.Users["admin"], site.Identity{Name: "网", RegionCode: "320102", Contact: "a\nb"}, "contact"},
			{county, good, "region_code"}, // Xuanwu is not in Qinhuai's administrator's scope
		} {
			var re *refuse.Error
			if _, err := s.Set(ctx, c.who, c.id); !errors.As(err, &re) || re.Field != c.field || !errors.Is(err, refuse.ErrInvalid) {
				t.Errorf("%+v by %s: %v", c.id, c.who.Username, err)
			}
		}
		if evs, _ := event.Stream(ctx, db, site.Stream); len(evs) != 0 {
			t.Fatalf("refusals wrote %d events", len(evs))
		}
		if _, err := s.Set(ctx, f.Users["admin"], good); err != nil {
			t.Fatal(err)
		}
		// Another node reads it from the database.
		id := site.New(db, f.Org, orgtest.Clock).Identity(ctx)
		if id.Name != "南京市玄武区政务服务网" || id.RegionName != "玄武区" || id.Contact != "025-12345" || id.UpdatedBy != "admin" {
			t.Fatalf("read back: %+v", id)
		}
		good.Contact = "025-84000000"
		if _, err := s.Set(ctx, f.Users["admin"], good); err != nil {
			t.Fatal(err)
		}
		if evs, _ := event.Stream(ctx, db, site.Stream); len(evs) != 2 || evs[1].Type != site.EventIdentitySet {
			t.Fatalf("events: %+v", evs)
		}
		if id := s.Identity(ctx); id.Contact != "025-84000000" {
			t.Fatalf("the setting node shows %+v", id)
		}
	})
}
