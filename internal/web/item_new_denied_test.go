package web_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestItemEditorRefusesWhoDraftsNothing guards issue 11 #8's first finding
// (500 from GET /admin/items/new and POST /admin/items for users with no
// department to draft for): each such user gets 403, and a post writes nothing.
func TestItemEditorRefusesWhoDraftsNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCatalogSite(t, db)
		ctx := context.Background()
		form := url.Values{"code": {"320102-SCJG-Z-001"}, "department": {"320102-SCJG"}, "name": {"越权事项"}}
		for _, name := range []string{"citizen1", "supercity", "supera", "handlera", "clerka", "approvera"} {
			c := s.login(name)
			if res := s.get(c, "/admin/items/new"); res.status != 403 {
				t.Errorf("%s: GET /admin/items/new %d", name, res.status)
			}
			before := s.events(ctx)
			if res := s.post(c, "/admin/items", form); res.status != 403 {
				t.Errorf("%s: POST /admin/items %d", name, res.status)
			}
			if s.events(ctx) != before {
				t.Fatalf("%s: a refused post wrote events", name)
			}
		}
	})
}
