package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

const goodPassword = "Correct-Horse-7"

func TestLoginThrottleAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, auth.HashPassword(goodPassword))
		now := orgtest.Clock()
		a := auth.New(db, f.Org, func() time.Time { return now })

		u, token, err := a.Login(ctx, "citizen1", goodPassword, "10.0.0.1")
		if err != nil || u.Username != "citizen1" || token == "" {
			t.Fatalf("login: %v", err)
		}
		if s, err := a.Session(ctx, token); err != nil || s.ID != u.ID {
			t.Fatalf("session: %v", err)
		}
		if _, err := a.Session(ctx, token+"x"); !errors.Is(err, auth.ErrNoSession) {
			t.Fatal("a forged token must not open a session")
		}

		// Unknown users are throttled like known ones, so names cannot be probed.
		if _, _, err := a.Login(ctx, "nobody", "x", "10.0.0.4"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("unknown user: %v", err)
		}

		if err := a.Logout(ctx, token); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session(ctx, token); !errors.Is(err, auth.ErrNoSession) {
			t.Fatal("session survived logout")
		}

		// Disabled users cannot log in, and lose their sessions.
		h := f.Users["handlera"]
		_, tok, _ := a.Login(ctx, "handlera", goodPassword, "10.0.0.5")
		if err := f.Org.SetDisabled(ctx, "admin", h, true); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session(ctx, tok); !errors.Is(err, auth.ErrNoSession) {
			t.Fatal("a disabled user's session still works")
		}
		if _, _, err := a.Login(ctx, "handlera", goodPassword, "10.0.0.5"); !errors.Is(err, auth.ErrDisabled) {
			t.Fatalf("disabled login: %v", err)
		}
	})
}

func TestAPIToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		a := auth.New(db, f.Org, orgtest.Clock)
		tok, err := a.NewToken(ctx, "admin", f.Users["handlera"], "cli")
		if err != nil {
			t.Fatal(err)
		}
		if u, err := a.TokenUser(ctx, tok); err != nil || u.Username != "handlera" {
			t.Fatalf("token user: %v", err)
		}
		if _, err := a.TokenUser(ctx, "shenpi_forged"); err == nil {
			t.Fatal("forged token accepted")
		}
	})
}

func TestPermissions(t *testing.T) {
	db := storetest.SQLite(t)
	f := orgtest.Build(t, db, "x")
	u := f.Users
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"city supervisor sees county A", auth.CanSeeRegion(u["supercity"], f.CountyA), true},
		{"city supervisor sees the city", auth.CanSeeRegion(u["supercity"], f.City), true},
		{"city supervisor does not see the province", auth.CanSeeRegion(u["supercity"], f.Province), false},
		{"county A supervisor sees county A", auth.CanSeeRegion(u["supera"], f.CountyA), true},
		{"county A supervisor cannot see sibling county B", auth.CanSeeRegion(u["supera"], f.CountyB), false},
		{"county A supervisor cannot see the city", auth.CanSeeRegion(u["supera"], f.City), false},
		{"applicant sees no region's data", auth.CanSeeRegion(u["citizen1"], f.CountyA), false},
		{"supervisor writes nothing", auth.CanWrite(u["supercity"]), false},
		{"handler may write", auth.CanWrite(u["handlera"]), true},
		{"sysadmin manages the org in scope", auth.CanManageOrg(u["admin"], f.CountyB), true},
		{"dept admin does not manage the org", auth.CanManageOrg(u["deptadmina"], f.CountyA), false},
		{"supervisor does not manage the org", auth.CanManageOrg(u["supercity"], f.CountyA), false},
		{"dept admin administers own staff", auth.CanAdministerUser(u["deptadmina"], u["handlera"]), true},
		{"dept admin cannot administer another department", auth.CanAdministerUser(u["deptadmina"], u["handlerb"]), false},
		{"dept admin cannot administer a supervisor", auth.CanAdministerUser(u["deptadmina"], u["supera"]), false},
		{"dept admin cannot administer applicants", auth.CanAdministerUser(u["deptadmina"], u["citizen1"]), false},
		{"supervisor administers nobody", auth.CanAdministerUser(u["supercity"], u["handlera"]), false},
		{"sysadmin administers staff in scope", auth.CanAdministerUser(u["admin"], u["handlerb"]), true},
		{"sysadmin does not administer themself", auth.CanAdministerUser(u["admin"], u["admin"]), false},
		{"dept admin gives roles in own department", auth.CanAssign(u["deptadmina"], org.RoleHandler, f.MarketA, f.CountyA, org.Region{}), true},
		{"dept admin gives no roles in another department", auth.CanAssign(u["deptadmina"], org.RoleHandler, f.MarketB, f.CountyB, org.Region{}), false},
		{"dept admin makes no supervisors", auth.CanAssign(u["deptadmina"], org.RoleSupervisor, org.Department{}, org.Region{}, f.CountyA), false},
		{"sysadmin makes supervisors in scope", auth.CanAssign(u["admin"], org.RoleSupervisor, org.Department{}, org.Region{}, f.CountyA), true},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %v", c.name, c.got)
		}
	}
}

func TestPasswords(t *testing.T) {
	h := auth.HashPassword(goodPassword)
	if !auth.CheckPassword(h, goodPassword) || auth.CheckPassword(h, goodPassword+"x") || auth.CheckPassword("garbage", "") {
		t.Fatal("hash check is wrong")
	}
	for _, c := range []struct{ user, pw, want string }{
		{"zhang", "short1A", "auth.password.short"},
		{"zhang", "alllowercaseletters", "auth.password.simple"},
		{"zhang", "Zhang-is-123", "auth.password.username"},
		{"zhang", goodPassword, ""},
	} {
		if got := auth.CheckStrength(c.user, c.pw); got != c.want {
			t.Errorf("%q: got %q want %q", c.pw, got, c.want)
		}
	}
	for i := 0; i < 50; i++ {
		if p := auth.RandomPassword(16); len(p) != 16 || auth.CheckStrength("admin", p) != "" {
			t.Fatalf("random password %q is weak", p)
		}
	}
}
