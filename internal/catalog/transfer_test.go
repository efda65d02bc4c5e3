package catalog_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

func docOf(items ...catalog.Item) catalog.Document {
	return catalog.Document{Format: catalog.DocumentFormat, Version: catalog.DocumentVersion, Items: items}
}

func encode(t *testing.T, doc catalog.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := doc.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func importProblems(t *testing.T, err error) []*catalog.InvalidError {
	t.Helper()
	var ie *catalog.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("want an ImportError, got %v", err)
	}
	return ie.Problems
}

func TestDemoCatalogue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := demoCatalog(t, db)
		list, err := c.Items(ctx, catalog.ListFilter{})
		if err != nil || len(list) < 15 {
			t.Fatalf("demo items: %d %v", len(list), err)
		}
		departments := map[string]bool{}
		for _, s := range list {
			departments[s.Department[7:]] = true
			if s.CurrentVersion != 1 || s.LatestState != catalog.StatePublished {
				t.Errorf("%s is not published: %+v", s.Code, s)
			}
		}
		for _, d := range []string{"SCJG", "WSJK", "ZRZY", "JTYS"} {
			if !departments[d] {
				t.Errorf("no demo item for %s", d)
			}
		}
		before, _ := event.Verify(ctx, db)
		if err := catalog.LoadDemo(ctx, c, "demo"); err != nil {
			t.Fatal(err)
		}
		after, _ := event.Verify(ctx, db)
		if after.Events != before.Events {
			t.Fatalf("loading the demo again wrote %d events", after.Events-before.Events)
		}
		// The forms exercise every field type between them.
		types := map[catalog.FieldType]bool{}
		for _, s := range list {
			v, _ := c.Current(ctx, s.Code)
			for _, f := range v.Form.Fields {
				types[f.Type] = true
				for _, col := range f.Columns {
					types[col.Type] = true
				}
			}
		}
		for _, ft := range catalog.FieldTypes {
			if !types[ft] {
				t.Errorf("no demo form uses %s", ft)
			}
		}
	})
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := demoCatalog(t, storetest.SQLite(t))
	doc, err := src.Export(ctx, catalog.ListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) == 0 {
		t.Fatal("the samples were not exported")
	}
	parsed, err := catalog.ParseDocument(bytes.NewReader(encode(t, doc)))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(doc, parsed); d != "" {
		t.Fatalf("round trip through JSON (-export +parsed):\n%s", d)
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		dst := demoCatalog(t, db) // same departments; items identical
		rep, err := dst.Import(ctx, "admin", parsed, catalog.ImportOptions{})
		if err != nil || len(rep.Unchanged) != len(doc.Items) || len(rep.Created)+len(rep.Updated) != 0 {
			t.Fatalf("importing an identical catalogue: %+v %v", rep, err)
		}
		again, err := dst.Export(ctx, catalog.ListFilter{})
		again.ExportedAt = doc.ExportedAt
		if err != nil || !cmp.Equal(doc, again) {
			t.Fatalf("export differs after import: %v", cmp.Diff(doc, again))
		}
	})
}

func TestImportDrafts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, f := newCatalog(t, db)
		a := catalogtest.Item("320102-SCJG-I-001", "320102-SCJG")
		b := catalogtest.Item("320104-SCJG-I-002", "320104-SCJG")
		rep, err := c.Import(ctx, "deptadmina", docOf(a, b), catalog.ImportOptions{})
		if err != nil || len(rep.Created) != 2 || len(rep.Published) != 0 {
			t.Fatalf("import: %+v %v", rep, err)
		}
		if v, _ := c.Version(ctx, a.Code, 1); v.State != catalog.StateDraft {
			t.Fatalf("imported as %s", v.State)
		}
		// Importing again replaces the open drafts.
		a.Conditions = "新的申请条件"
		rep, err = c.Import(ctx, "deptadmina", docOf(a), catalog.ImportOptions{})
		if err != nil || len(rep.Updated) != 1 {
			t.Fatalf("re-import: %+v %v", rep, err)
		}
		if v, _ := c.Latest(ctx, a.Code); v.Number != 1 || v.Conditions != "新的申请条件" {
			t.Fatalf("draft not replaced: %+v", v)
		}
		// A version under review is not overwritten.
		c.Submit(ctx, f.Users["deptadmina"], a.Code, 1)
		_, err = c.Import(ctx, "deptadmina", docOf(a), catalog.ImportOptions{})
		if p := importProblems(t, err); p[0].Item != a.Code || p[0].Key != "catalog.import.pending" {
			t.Fatalf("pending: %+v", p[0])
		}
		// After publication an import makes version 2.
		c.Publish(ctx, f.Users["approvera"], a.Code, 1)
		a.PromisedDays = 5
		rep, err = c.Import(ctx, "deptadmina", docOf(a), catalog.ImportOptions{})
		if err != nil || len(rep.Updated) != 1 {
			t.Fatalf("import over published: %+v %v", rep, err)
		}
		if v, _ := c.Latest(ctx, a.Code); v.Number != 2 || v.State != catalog.StateDraft || v.PromisedDays != 5 {
			t.Fatalf("v2: %+v", v)
		}
		// Allow limits the departments.
		only := func(d string) bool { return d == "320102-SCJG" }
		_, err = c.Import(ctx, "deptadmina", docOf(catalogtest.Item("320104-SCJG-I-003", "320104-SCJG")), catalog.ImportOptions{Allow: only})
		if p := importProblems(t, err); p[0].Key != "catalog.import.department_denied" || p[0].Item != "320104-SCJG-I-003" {
			t.Fatalf("department denied: %+v", p[0])
		}
	})
}

func TestImportAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, _ := newCatalog(t, db)
		good := catalogtest.Item("320102-SCJG-A-001", "320102-SCJG")
		bad := catalogtest.Item("320102-SCJG-A-002", "320102-SCJG")
		bad.PromisedDays = 30
		worse := catalogtest.Item("320102-SCJG-A-003", "320102-SCJG")
		worse.Materials[0].Name = ""
		before, _ := event.Verify(ctx, db)
		_, err := c.Import(ctx, "admin", docOf(good, bad, worse, good), catalog.ImportOptions{Publish: true})
		p := importProblems(t, err)
		got := []string{}
		for _, x := range p {
			got = append(got, x.Item+" "+x.Field+" "+x.Key)
		}
		want := []string{
			"320102-SCJG-A-002 promised_days catalog.item.promised_over_statutory",
			"320102-SCJG-A-003 materials.0.name catalog.required",
			"320102-SCJG-A-001 code catalog.import.duplicate",
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("problems (-want +got):\n%s", d)
		}
		if list, _ := c.Items(ctx, catalog.ListFilter{}); len(list) != 0 {
			t.Fatalf("a refused import stored %d items", len(list))
		}
		if after, _ := event.Verify(ctx, db); after.Events != before.Events {
			t.Fatal("a refused import wrote events")
		}
	})
}

func TestParseDocumentRefuses(t *testing.T) {
	item, _ := json.Marshal(catalogtest.Item("320102-SCJG-P-001", "320102-SCJG"))
	withItem := func(s string) string {
		return `{"format":"shenpi-catalog","version":1,"items":[` + s + `]}`
	}
	cases := []struct {
		name, body  string
		item, field string
		key         string
	}{
		{"not JSON", "食品经营许可", "", "", "catalog.import.syntax"},
		{"truncated", `{"format":"shenpi-catalog",` + "\n" + `"items":[`, "", "", "catalog.import.syntax"},
		{"wrong format", `{"format":"excel","version":1,"items":[` + string(item) + `]}`, "", "format", "catalog.import.format"},
		{"future version", `{"format":"shenpi-catalog","version":2,"items":[` + string(item) + `]}`, "", "version", "catalog.import.format"},
		{"no items", `{"format":"shenpi-catalog","version":1,"items":[]}`, "", "items", "catalog.import.empty"},
		{"unknown top-level field", `{"format":"shenpi-catalog","version":1,"colour":"red","items":[]}`, "", "colour", "catalog.import.unknown_field"},
		{"trailing data", withItem(string(item)) + ` {}`, "", "", "catalog.import.trailing"},
		{"unknown item field", withItem(strings.Replace(string(item), `"code":`, `"fee":"free","code":`, 1)), "320102-SCJG-P-001", "fee", "catalog.import.unknown_field"},
		{"unknown material field", withItem(strings.Replace(string(item), `"required":true,`, `"required":true,"mandatory":true,`, 1)), "320102-SCJG-P-001", "mandatory", "catalog.import.unknown_field"},
		{"wrong type", withItem(strings.Replace(string(item), `"statutory_days":20`, `"statutory_days":"20"`, 1)), "320102-SCJG-P-001", "statutory_days", "catalog.import.type"},
		{"item not an object", withItem(`"食品经营许可"`), "#1", "", "catalog.import.type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := catalog.ParseDocument(strings.NewReader(tc.body))
			p := importProblems(t, err)
			if p[0].Item != tc.item || p[0].Field != tc.field || p[0].Key != tc.key {
				t.Fatalf("got %+v", p[0])
			}
		})
	}
	if _, err := catalog.ParseDocument(strings.NewReader(withItem(string(item)))); err != nil {
		t.Fatalf("a good file: %v", err)
	}
	// A syntax error names its line.
	_, err := catalog.ParseDocument(strings.NewReader("{\n\"format\": \"shenpi-catalog\",\n\"version\": 1,\n\"items\": [,]\n}"))
	if p := importProblems(t, err); p[0].Args["Line"] != 4 {
		t.Fatalf("line: %+v", p[0])
	}
}

func TestImportFiles(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	c, _ := newCatalog(t, db)
	it := catalogtest.Item("320102-SCJG-F-001", "320102-SCJG")
	data := []byte("样表")
	ref, _ := catalog.SampleRef("样表.txt", data)
	it.Materials[0].Sample = &ref
	doc := docOf(it)
	doc.Files = []catalog.FileData{{SHA256: ref.SHA256, ContentType: ref.ContentType, Data: []byte("篡改")}}
	_, err := c.Import(ctx, "admin", doc, catalog.ImportOptions{})
	if p := importProblems(t, err); p[0].Field != "files.0.sha256" || p[0].Key != "catalog.import.file_digest" {
		t.Fatalf("tampered file: %+v", p[0])
	}
	doc.Files = nil
	_, err = c.Import(ctx, "admin", doc, catalog.ImportOptions{})
	if p := importProblems(t, err); p[0].Field != "materials.0.sample" || p[0].Key != "catalog.item.sample_missing" {
		t.Fatalf("missing file: %+v", p[0])
	}
	doc.Files = []catalog.FileData{{SHA256: ref.SHA256, ContentType: ref.ContentType, Data: data}}
	if _, err := c.Import(ctx, "admin", doc, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}
