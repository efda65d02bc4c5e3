package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/store/storetest"
)

// bearer gets path with an API token.
func (s *site) bearer(method, path, token string) response {
	req, _ := http.NewRequest(method, s.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return s.do(s.client(), req)
}

// The finding: API tokens outlived a password change and a reset. Now they
// are listed and revoked by their owner (page and API) and by an
// administrator within reach, and a change or reset revokes them unless
// the box is unticked.
func TestTokensOutliveNothing(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	ctx := context.Background()
	h := s.f.Users["handlera"]
	tok, err := s.a.NewToken(ctx, "handlera", h, "nightly-sync")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.a.NewToken(ctx, "handlerb", s.f.Users["handlerb"], "theirs")
	theirs, _ := s.a.Tokens(ctx, s.f.Users["handlerb"], s.f.Users["handlerb"])

	// The owner sees it on their page and through the API.
	c := s.login("handlera")
	if res := s.get(c, "/account/tokens"); res.status != 200 || !strings.Contains(res.body, "nightly-sync") || strings.Contains(res.body, "theirs") {
		t.Fatalf("own token page: %d", res.status)
	}
	if res := s.bearer("GET", "/api/v1/me/tokens", tok); res.status != 200 || !strings.Contains(res.body, `"name":"nightly-sync"`) || strings.Contains(res.body, "shenpi_") {
		t.Fatalf("own tokens on the API: %d %s", res.status, res.body)
	}
	// Nobody revokes another's token by its id, on the page or the API.
	if res := s.post(c, fmt.Sprintf("/account/tokens/%d/revoke", theirs[0].ID), nil); res.status != 404 {
		t.Fatalf("revoking handlerb's token from handlera's page: %d", res.status)
	}
	if res := s.bearer("DELETE", fmt.Sprintf("/api/v1/me/tokens/%d", theirs[0].ID), tok); res.status != 404 || !strings.Contains(res.body, `"code"`) {
		t.Fatalf("revoking handlerb's token through the API: %d %s", res.status, res.body)
	}
	if res := s.bearer("GET", "/api/v1/me", other); res.status != 200 {
		t.Fatalf("handlerb's token was touched: %d", res.status)
	}

	// A department administrator sees and revokes only their department's.
	da := s.login("deptadmina")
	if res := s.get(da, fmt.Sprintf("/admin/users/%d", h.ID)); res.status != 200 || !strings.Contains(res.body, "nightly-sync") {
		t.Fatalf("dept admin's page of own staff: %d", res.status)
	}
	if res := s.post(da, fmt.Sprintf("/admin/users/%d/tokens/%d/revoke", s.f.Users["handlerb"].ID, theirs[0].ID), nil); res.status != 404 {
		t.Fatalf("dept admin revoked another department's token: %d", res.status)
	}
	if res := s.bearer("GET", "/api/v1/me", other); res.status != 200 {
		t.Fatalf("handlerb's token stopped: %d", res.status)
	}

	// A password change with the box ticked (the default) revokes them.
	next := "Brand-New-Pass-9"
	if res := s.get(c, "/password"); !strings.Contains(res.body, `name="revoke_tokens" value="on" checked`) {
		t.Fatal("the password form does not offer revoking, ticked")
	}
	if res := s.post(c, "/password", url.Values{"current": {pw}, "new": {next}, "new2": {next}, "revoke_tokens": {"on"}}); res.status != 303 {
		t.Fatalf("change: %d", res.status)
	}
	if res := s.bearer("GET", "/api/v1/me", tok); res.status != 401 {
		t.Fatalf("a token outlived the password change: %d", res.status)
	}

	// Unticked, the change keeps them; an administrator's reset, ticked, does not.
	tok2, _ := s.a.NewToken(ctx, "handlera", h, "kept")
	c = s.client()
	if res := s.post(c, "/login", url.Values{"username": {"handlera"}, "password": {next}}); res.status != 303 {
		t.Fatalf("login with the new password: %d", res.status)
	}
	third := "Third-New-Pass-9"
	if res := s.post(c, "/password", url.Values{"current": {next}, "new": {third}, "new2": {third}}); res.status != 303 {
		t.Fatalf("change keeping tokens: %d", res.status)
	}
	if res := s.bearer("GET", "/api/v1/me", tok2); res.status != 200 {
		t.Fatalf("an unticked change revoked the token: %d", res.status)
	}
	if res := s.post(da, fmt.Sprintf("/admin/users/%d/reset", h.ID), url.Values{"revoke_tokens": {"on"}}); res.status != 200 {
		t.Fatalf("reset: %d", res.status)
	}
	if res := s.bearer("GET", "/api/v1/me", tok2); res.status != 401 {
		t.Fatalf("a token outlived the reset: %d", res.status)
	}

	// The owner revokes from their page; a disabled user's token stops at once.
	tok3, _ := s.a.NewToken(ctx, "handlerb", s.f.Users["handlerb"], "third")
	if res := s.bearer("DELETE", fmt.Sprintf("/api/v1/me/tokens/%d", theirs[0].ID), other); res.status != 204 {
		t.Fatalf("revoking one's own token through the API: %d %s", res.status, res.body)
	}
	if res := s.bearer("GET", "/api/v1/me", other); res.status != 401 {
		t.Fatalf("a token revoked through the API works: %d", res.status)
	}
	admin := s.login("admin")
	if res := s.post(admin, fmt.Sprintf("/admin/users/%d/disable", s.f.Users["handlerb"].ID), nil); res.status != 303 {
		t.Fatalf("disable: %d", res.status)
	}
	if res := s.bearer("GET", "/api/v1/me", tok3); res.status != 401 {
		t.Fatalf("a disabled user's token works: %d", res.status)
	}
}
