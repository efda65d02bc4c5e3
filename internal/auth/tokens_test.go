package auth_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// Tokens are listed and revoked by their owner and by an administrator
// within reach; nobody else sees or touches them, and a revoked token or a
// disabled user's token stops working at once.
func TestTokensListedAndRevoked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		a := auth.New(db, f.Org, orgtest.Clock)
		u := f.Users
		h := u["handlera"]
		tokCLI, _ := a.NewToken(ctx, "handlera", h, "cli")
		tokSync, _ := a.NewToken(ctx, "handlera", h, "sync")
		if _, err := a.NewToken(ctx, "handlerb", u["handlerb"], "theirs"); err != nil {
			t.Fatal(err)
		}

		for _, who := range []string{"handlera", "deptadmina", "admin"} {
			list, err := a.Tokens(ctx, u[who], h)
			if err != nil || len(list) != 2 || list[0].Name != "sync" || list[1].Name != "cli" {
				t.Fatalf("%s lists handlera's tokens: %+v %v", who, list, err)
			}
		}
		for _, who := range []string{"handlerb", "clerka", "citizen1", "supercity"} {
			if _, err := a.Tokens(ctx, u[who], h); !errors.Is(err, refuse.ErrForbidden) {
				t.Fatalf("%s listed handlera's tokens: %v", who, err)
			}
		}
		// A department administrator reaches only their own department.
		if _, err := a.Tokens(ctx, u["deptadmina"], u["handlerb"]); !errors.Is(err, refuse.ErrForbidden) {
			t.Fatalf("a department administrator listed another department's tokens: %v", err)
		}
		theirs, _ := a.Tokens(ctx, u["handlerb"], u["handlerb"])
		if err := a.RevokeToken(ctx, u["deptadmina"], u["handlerb"], theirs[0].ID); !errors.Is(err, refuse.ErrForbidden) {
			t.Fatalf("a department administrator revoked another department's token: %v", err)
		}
		// Another user's token id under one's own name is not found.
		if err := a.RevokeToken(ctx, h, h, theirs[0].ID); !errors.Is(err, refuse.ErrNotFound) {
			t.Fatalf("handlera revoked handlerb's token by id: %v", err)
		}
		if _, err := a.TokenUser(ctx, "shenpi_x"); err == nil {
			t.Fatal("forged token")
		}

		list, _ := a.Tokens(ctx, h, h)
		if err := a.RevokeToken(ctx, h, h, list[1].ID); err != nil {
			t.Fatalf("owner revokes cli: %v", err)
		}
		if _, err := a.TokenUser(ctx, tokCLI); !errors.Is(err, auth.ErrNoSession) {
			t.Fatalf("a revoked token still works: %v", err)
		}
		if _, err := a.TokenUser(ctx, tokSync); err != nil {
			t.Fatalf("the other token stopped: %v", err)
		}
		if err := a.RevokeToken(ctx, h, h, list[1].ID); !errors.Is(err, refuse.ErrNotFound) {
			t.Fatalf("revoking twice: %v", err)
		}

		// A disabled user's tokens stop at once.
		if err := f.Org.SetDisabled(ctx, "admin", h, true); err != nil {
			t.Fatal(err)
		}
		if _, err := a.TokenUser(ctx, tokSync); !errors.Is(err, auth.ErrNoSession) {
			t.Fatalf("a disabled user's token works: %v", err)
		}
		disabled, _ := f.Org.User(ctx, h.ID)
		if _, err := a.Tokens(ctx, disabled, disabled); !errors.Is(err, refuse.ErrForbidden) {
			t.Fatalf("a disabled user listed tokens: %v", err)
		}
		if err := f.Org.SetDisabled(ctx, "admin", h, false); err != nil {
			t.Fatal(err)
		}

		// Revoking all, as a password reset asks, leaves none.
		if err := a.RevokeTokens(ctx, "admin", h); err != nil {
			t.Fatal(err)
		}
		if _, err := a.TokenUser(ctx, tokSync); !errors.Is(err, auth.ErrNoSession) {
			t.Fatal("a token survived revoking all")
		}
		if err := a.RevokeTokens(ctx, "admin", h); err != nil {
			t.Fatalf("revoking all when none are left: %v", err)
		}
	})
}
