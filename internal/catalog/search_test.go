package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

func codes(hits []catalog.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Code)
	}
	return out
}

func TestSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := demoCatalog(t, db)
		search := func(q string, f catalog.Filter) []catalog.Hit {
			t.Helper()
			hits, err := c.Search(ctx, q, f, 50)
			if err != nil {
				t.Fatal(err)
			}
			return hits
		}

		// 食品: the items named so first, the shorter name before the longer,
		// then items that mention food only in conditions or materials.
		hits := search("食品", catalog.Filter{})
		if len(hits) < 3 {
			t.Fatalf("食品: %v", codes(hits))
		}
		if hits[0].Name != "食品经营许可" || hits[1].Name != "食品经营许可" || hits[2].Name != "食品小作坊登记" {
			t.Fatalf("食品 ranking: %v", codes(hits))
		}
		seenOther := false
		for _, h := range hits {
			if !strings.Contains(h.Name, "食品") {
				seenOther = true
				if h.Match != "materials" && h.Match != "conditions" || h.Snippet == "" {
					t.Errorf("%s matched in %q with snippet %q", h.Code, h.Match, h.Snippet)
				}
			} else if seenOther {
				t.Errorf("a name match (%s) ranked below a conditions match", h.Code)
			}
		}

		hits = search("卫生许可", catalog.Filter{})
		if len(hits) < 2 || hits[0].Name != "公共场所卫生许可" || hits[0].Match != "name" {
			t.Fatalf("卫生许可: %v", codes(hits))
		}
		// A 3-character fragment in the middle of a name.
		if hits := search("执业登", catalog.Filter{}); len(hits) != 1 || hits[0].Code != "320102-WSJK-XK-002" {
			t.Fatalf("执业登: %v", codes(hits))
		}
		// A fragment found only in a material's name.
		if hits := search("完税凭证", catalog.Filter{}); len(hits) != 1 || hits[0].Match != "materials" || hits[0].Snippet != "完税凭证" {
			t.Fatalf("完税凭证: %+v", hits)
		}
		// Exact code first; case and width do not matter.
		if hits := search("３２０１０２-scjg-xk-００１", catalog.Filter{}); len(hits) == 0 || hits[0].Code != "320102-SCJG-XK-001" || hits[0].Match != "code" {
			t.Fatalf("code: %v", codes(hits))
		}
		// English names, and two words that must both match.
		if hits := search("food licence", catalog.Filter{}); len(hits) != 2 {
			t.Fatalf("food licence: %v", codes(hits))
		}
		if hits := search("食品 320104", catalog.Filter{}); len(hits) != 1 || hits[0].Code != "320104-SCJG-XK-001" {
			t.Fatalf("食品 320104: %v", codes(hits))
		}
		if hits := search("火箭发射", catalog.Filter{}); len(hits) != 0 {
			t.Fatalf("nonsense found: %v", codes(hits))
		}
		// Filters.
		for _, h := range search("许可", catalog.Filter{Department: "320102-WSJK"}) {
			if h.Department != "320102-WSJK" {
				t.Errorf("department filter let %s through", h.Code)
			}
		}
		for _, h := range search("", catalog.Filter{Audience: catalog.AudienceCitizen}) {
			if h.Audience == catalog.AudienceCompany {
				t.Errorf("audience filter let %s through", h.Code)
			}
		}
		estate := search("", catalog.Filter{Theme: "real_estate"})
		if len(estate) != 3 {
			t.Fatalf("real estate theme: %v", codes(estate))
		}
		if all := search("", catalog.Filter{}); len(all) < 15 {
			t.Fatalf("browse all: %d items", len(all))
		}
		f, err := c.Facets(ctx)
		if err != nil || f.Total < 15 || f.Departments["320102-SCJG"] != 4 || f.Themes["real_estate"] != 3 {
			t.Fatalf("facets: %+v %v", f, err)
		}
	})
}

// TestSearchSeesOtherNodes: a second Catalog on the same database (another
// node, or the import command) sees publications through the generation.
func TestSearchSeesOtherNodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, f := newCatalog(t, db)
		b := catalog.New(db, f.Org, orgtest.Clock)
		if hits, _ := b.Search(ctx, "测试", catalog.Filter{}, 10); len(hits) != 0 {
			t.Fatalf("empty catalogue: %v", codes(hits))
		}
		it := catalogtest.Item("320102-SCJG-N-001", "320102-SCJG")
		doc := catalog.Document{Format: catalog.DocumentFormat, Version: catalog.DocumentVersion, Items: []catalog.Item{it}}
		if _, err := a.Import(ctx, "admin", doc, catalog.ImportOptions{Publish: true}); err != nil {
			t.Fatal(err)
		}
		if hits, _ := b.Search(ctx, "测试", catalog.Filter{}, 10); len(hits) != 1 {
			t.Fatalf("node b missed a publication: %v", codes(hits))
		}
		if err := a.Withdraw(ctx, f.Users["admin"], it.Code, "撤销"); err != nil {
			t.Fatal(err)
		}
		if hits, _ := b.Search(ctx, "测试", catalog.Filter{}, 10); len(hits) != 0 {
			t.Fatalf("node b missed a withdrawal: %v", codes(hits))
		}
	})
}

// TestSearchPage: pages are slices of the one ranking, each with the number of matches
// in all; a page past the end is empty.
func TestSearchPage(t *testing.T) {
	ctx := context.Background()
	c := demoCatalog(t, storetest.SQLite(t))
	for _, q := range []string{"", "登记", "许可"} {
		all, err := c.Search(ctx, q, catalog.Filter{}, 200)
		if err != nil {
			t.Fatal(err)
		}
		var paged []string
		for offset := 0; ; offset += 3 {
			res, err := c.SearchPage(ctx, q, catalog.Filter{}, offset, 3)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != len(all) {
				t.Fatalf("%q: total %d, want %d", q, res.Total, len(all))
			}
			if len(res.Hits) == 0 {
				break
			}
			paged = append(paged, codes(res.Hits)...)
		}
		if !slices.Equal(paged, codes(all)) {
			t.Errorf("%q: pages give %v, one search %v", q, paged, codes(all))
		}
	}
}
