package catalog_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestImportAs: an import on behalf of a user is checked by the catalogue
// itself, whoever calls it — a department administrator imports drafts of
// their own department only, nobody but a system administrator imports as
// published, and a user who drafts for no department imports nothing. Each
// refusal writes nothing.
func TestImportAs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, f := newCatalog(t, db)
		own := catalogtest.Item("320102-SCJG-I-001", "320102-SCJG")
		other := catalogtest.Item("320104-SCJG-I-002", "320104-SCJG")
		events := func() int {
			var n int
			if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := events()
		admin := f.Users["deptadmina"]
		if _, err := c.ImportAs(ctx, admin, docOf(own, other), false); len(importProblems(t, err)) != 1 ||
			importProblems(t, err)[0].Key != "catalog.import.department_denied" {
			t.Fatalf("another department's item: %v", err)
		}
		if _, err := c.ImportAs(ctx, admin, docOf(own), true); !errors.Is(err, catalog.ErrImportDenied) || !errors.Is(err, refuse.ErrForbidden) {
			t.Fatalf("a department administrator imports as published: %v", err)
		}
		for _, name := range []string{"handlera", "citizen1", "supercity"} {
			if _, err := c.ImportAs(ctx, f.Users[name], docOf(own), false); !errors.Is(err, catalog.ErrImportDenied) {
				t.Errorf("%s imports: %v", name, err)
			}
		}
		if after := events(); after != before {
			t.Fatalf("refused imports wrote %d events", after-before)
		}
		rep, err := c.ImportAs(ctx, admin, docOf(own), false)
		if err != nil || len(rep.Created) != 1 || len(rep.Published) != 0 {
			t.Fatalf("own department: %+v %v", rep, err)
		}
		rep, err = c.ImportAs(ctx, f.Users["admin"], docOf(other), true)
		if err != nil || len(rep.Published) != 1 {
			t.Fatalf("the system administrator publishes: %+v %v", rep, err)
		}
	})
}
