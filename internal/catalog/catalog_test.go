package catalog_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
	"github.com/shenpi/shenpi/internal/demo"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// newCatalog builds the orgtest organisation with an approver of market
// department A, approvera, who reviews what deptadmina drafts.
func newCatalog(t *testing.T, db *store.DB) (*catalog.Catalog, *orgtest.Fixture) {
	t.Helper()
	f := orgtest.Build(t, db, "x")
	approver, err := f.Org.CreateUser(context.Background(), "test",
		org.User{Username: "approvera", Role: org.RoleApprover, DisplayName: "批准甲", DepartmentID: f.MarketA.ID}, "x")
	if err != nil {
		t.Fatal(err)
	}
	f.Users[approver.Username] = approver
	return catalog.New(db, f.Org, orgtest.Clock), f
}

// demoCatalog loads the demo organisation and catalogue.
func demoCatalog(t *testing.T, db *store.DB) *catalog.Catalog {
	t.Helper()
	ctx := context.Background()
	o := org.New(db, orgtest.Clock)
	if _, err := demo.Load(ctx, o, auth.New(db, o, orgtest.Clock), db); err != nil {
		t.Fatal(err)
	}
	c := catalog.New(db, o, orgtest.Clock)
	if err := catalog.LoadDemo(ctx, c, "demo"); err != nil {
		t.Fatal(err)
	}
	return c
}

func mustInvalid(t *testing.T, err error, field, key string) {
	t.Helper()
	var inv *catalog.InvalidError
	if !errors.As(err, &inv) || inv.Field != field || inv.Key != key {
		t.Fatalf("want invalid %s (%s), got %v", field, key, err)
	}
}

func eventTypes(t *testing.T, db *store.DB, code string) []string {
	t.Helper()
	evs, err := event.Stream(context.Background(), db, catalog.Stream(code))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Type)
	}
	return out
}

func TestVersioning(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, f := newCatalog(t, db)
		it := catalogtest.Item("320102-SCJG-T-001", "320102-SCJG")
		v1, err := c.CreateItem(ctx, f.Users["deptadmina"], it)
		if err != nil {
			t.Fatal(err)
		}
		if v1.Number != 1 || v1.State != catalog.StateDraft || v1.RegionCode != "320102" || v1.RegionLevel != "county" || v1.ProcessKey != catalog.DefaultProcessKey {
			t.Fatalf("v1: %+v", v1)
		}
		if _, err := c.CreateItem(ctx, f.Users["deptadmina"], it); !errors.Is(err, catalog.ErrConflict) {
			t.Fatalf("duplicate code: %v", err)
		}
		if _, err := c.Current(ctx, it.Code); !errors.Is(err, catalog.ErrNotFound) {
			t.Fatalf("a draft is not current: %v", err)
		}
		if err := c.Publish(ctx, f.Users["approvera"], it.Code, 1); !errors.Is(err, catalog.ErrState) {
			t.Fatalf("publishing a draft: %v", err)
		}
		it.Conditions = "修改后的申请条件"
		if _, err := c.SaveDraft(ctx, f.Users["deptadmina"], 1, it); err != nil {
			t.Fatal(err)
		}
		moved := it
		moved.Department = "320104-SCJG"
		_, err = c.SaveDraft(ctx, f.Users["deptadmina"], 1, moved)
		mustInvalid(t, err, "department", "catalog.item.department_fixed")

		if err := c.Submit(ctx, f.Users["deptadmina"], it.Code, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := c.SaveDraft(ctx, f.Users["deptadmina"], 1, it); !errors.Is(err, catalog.ErrState) {
			t.Fatalf("editing a submitted version: %v", err)
		}
		if err := c.Publish(ctx, f.Users["deptadmina"], it.Code, 1); !errors.Is(err, catalog.ErrMayNotReview) {
			t.Fatalf("the department administrator published: %v", err)
		}
		mustInvalid(t, c.Return(ctx, f.Users["approvera"], it.Code, 1, " "), "reason", "catalog.required")
		if err := c.Return(ctx, f.Users["approvera"], it.Code, 1, "收费依据需补充"); err != nil {
			t.Fatal(err)
		}
		if v, _ := c.Version(ctx, it.Code, 1); v.State != catalog.StateDraft || v.Note != "收费依据需补充" {
			t.Fatalf("returned: %+v", v)
		}
		if err := c.Submit(ctx, f.Users["deptadmina"], it.Code, 1); err != nil {
			t.Fatal(err)
		}
		if err := c.Publish(ctx, f.Users["approvera"], it.Code, 1); err != nil {
			t.Fatal(err)
		}
		if err := c.Publish(ctx, f.Users["approvera"], it.Code, 1); !errors.Is(err, catalog.ErrState) {
			t.Fatalf("published twice: %v", err)
		}
		cur, err := c.Current(ctx, it.Code)
		if err != nil || cur.Number != 1 || !cur.Current || cur.PublishedBy != "approvera" || cur.SubmittedBy != "deptadmina" {
			t.Fatalf("current: %+v %v", cur, err)
		}
		// A published version is immutable.
		if _, err := c.SaveDraft(ctx, f.Users["deptadmina"], 1, it); !errors.Is(err, catalog.ErrState) {
			t.Fatalf("edited a published version: %v", err)
		}
		v2, err := c.NewVersion(ctx, f.Users["deptadmina"], it.Code)
		if err != nil || v2.Number != 2 || v2.State != catalog.StateDraft || v2.Conditions != "修改后的申请条件" {
			t.Fatalf("v2: %+v %v", v2, err)
		}
		if _, err := c.NewVersion(ctx, f.Users["deptadmina"], it.Code); !errors.Is(err, catalog.ErrConflict) {
			t.Fatalf("second open draft: %v", err)
		}
		it.PromisedDays = 3
		it.Name = "测试事项（第二版）"
		if _, err := c.SaveDraft(ctx, f.Users["deptadmina"], 2, it); err != nil {
			t.Fatal(err)
		}
		if err := c.Submit(ctx, f.Users["admin"], it.Code, 2); err != nil {
			t.Fatal(err)
		}
		if err := c.Publish(ctx, f.Users["admin"], it.Code, 2); !errors.Is(err, catalog.ErrSelfReview) {
			t.Fatalf("the submitter published: %v", err)
		}
		if err := c.Publish(ctx, f.Users["approvera"], it.Code, 2); err != nil {
			t.Fatal(err)
		}
		old, err := c.Version(ctx, it.Code, 1)
		if err != nil || old.State != catalog.StateSuperseded || old.PromisedDays != 10 || old.Current {
			t.Fatalf("superseded v1: %+v %v", old, err)
		}
		if cur, _ := c.Current(ctx, it.Code); cur.Number != 2 || cur.PromisedDays != 3 {
			t.Fatalf("current after v2: %+v", cur)
		}

		mustInvalid(t, c.Withdraw(ctx, f.Users["approvera"], it.Code, ""), "reason", "catalog.required")
		if err := c.Withdraw(ctx, f.Users["approvera"], it.Code, "事项取消"); err != nil {
			t.Fatal(err)
		}
		if err := c.Withdraw(ctx, f.Users["approvera"], it.Code, "again"); !errors.Is(err, catalog.ErrState) {
			t.Fatalf("withdrawn twice: %v", err)
		}
		if cur, err := c.Current(ctx, it.Code); err != nil || !cur.Withdrawn {
			t.Fatalf("a withdrawn item stays readable: %+v %v", cur, err)
		}
		if hits, _ := c.Search(ctx, "测试事项", catalog.Filter{}, 10); len(hits) != 0 {
			t.Fatalf("a withdrawn item was found: %+v", hits)
		}
		if v, err := c.Version(ctx, it.Code, 1); err != nil || v.Name != "测试事项" {
			t.Fatalf("old version unreadable after withdrawal: %v", err)
		}
		// Publishing a new version brings it back.
		if _, err := c.NewVersion(ctx, f.Users["deptadmina"], it.Code); err != nil {
			t.Fatal(err)
		}
		c.Submit(ctx, f.Users["deptadmina"], it.Code, 3)
		if err := c.Publish(ctx, f.Users["approvera"], it.Code, 3); err != nil {
			t.Fatal(err)
		}
		if hits, _ := c.Search(ctx, "测试事项", catalog.Filter{}, 10); len(hits) != 1 || hits[0].Version != 3 {
			t.Fatalf("republished item: %+v", hits)
		}
		want := []string{"item.created", "item.draft_saved", "item.submitted", "item.returned", "item.submitted", "item.published",
			"item.version_created", "item.draft_saved", "item.submitted", "item.published", "item.withdrawn",
			"item.version_created", "item.submitted", "item.published"}
		if got := eventTypes(t, db, it.Code); !slices.Equal(got, want) {
			t.Fatalf("events\n got %v\nwant %v", got, want)
		}
		if r, err := event.Verify(ctx, db); err != nil || len(r.Problems) > 0 {
			t.Fatalf("event chain: %+v %v", r, err)
		}
		vs, err := c.Versions(ctx, it.Code)
		if err != nil || len(vs) != 3 || vs[0].Number != 3 || !vs[0].Current {
			t.Fatalf("versions: %v", err)
		}
		list, err := c.Items(ctx, catalog.ListFilter{Departments: []string{"320102-SCJG"}})
		if err != nil || len(list) != 1 || list[0].CurrentVersion != 3 || list[0].LatestState != catalog.StatePublished {
			t.Fatalf("items: %+v %v", list, err)
		}
		if list, _ := c.Items(ctx, catalog.ListFilter{Departments: []string{"320104-SCJG"}}); len(list) != 0 {
			t.Fatalf("another department's list: %+v", list)
		}
	})
}

func TestItemValidation(t *testing.T) {
	db := storetest.SQLite(t)
	c, f := newCatalog(t, db)
	ctx := context.Background()
	cases := []struct {
		name   string
		change func(*catalog.Item)
		field  string
		key    string
	}{
		{"bad code", func(it *catalog.Item) { it.Code = "食品/1" }, "code", "catalog.item.code_format"},
		{"no name", func(it *catalog.Item) { it.Name = " " }, "name", "catalog.required"},
		{"unknown kind", func(it *catalog.Item) { it.Kind = "tax" }, "kind", "catalog.choice"},
		{"no legal basis", func(it *catalog.Item) { it.LegalBasis = "" }, "legal_basis", "catalog.required"},
		{"promised over statutory", func(it *catalog.Item) { it.PromisedDays = 25 }, "promised_days", "catalog.item.promised_over_statutory"},
		{"promised without days", func(it *catalog.Item) { it.PromisedDays = 0 }, "promised_days", "catalog.range"},
		{"on the spot with days", func(it *catalog.Item) { it.Mode = catalog.ModeOnTheSpot }, "promised_days", "catalog.item.on_the_spot_days"},
		{"unknown channel", func(it *catalog.Item) { it.Channel = "fax" }, "channel", "catalog.choice"},
		{"material without name", func(it *catalog.Item) { it.Materials[1].Name = "" }, "materials.1.name", "catalog.required"},
		{"no copies", func(it *catalog.Item) { it.Materials[0].Copies = 0 }, "materials.0.copies", "catalog.range"},
		{"huge upload", func(it *catalog.Item) { it.Materials[0].MaxSizeMB = 500 }, "materials.0.max_size_mb", "catalog.range"},
		{"bad file type", func(it *catalog.Item) { it.Materials[0].FileTypes = []string{"p d f"} }, "materials.0.file_types", "catalog.item.file_type_format"},
		{"fee without basis", func(it *catalog.Item) {
			it.Fees = []catalog.Fee{{Name: "工本费", Standard: "每本10元", AmountFen: 1000}}
		}, "fees.0.basis", "catalog.item.fee_basis"},
		{"unknown theme", func(it *catalog.Item) { it.Themes = []catalog.Theme{"lottery"} }, "themes.0", "catalog.choice"},
		{"bad complaint phone", func(it *catalog.Item) { it.ComplaintPhone = "call us" }, "complaint_phone", "catalog.item.phone_format"},
		{"no result", func(it *catalog.Item) { it.Result.Name = "" }, "result.name", "catalog.required"},
		{"bad process key", func(it *catalog.Item) { it.ProcessKey = "Serial Default" }, "process_key", "catalog.item.process_key_format"},
		{"field name", func(it *catalog.Item) { it.Form.Fields[0].Name = "Shop Name" }, "form.fields.0.name", "catalog.field.name_format"},
		{"duplicate field", func(it *catalog.Item) { it.Form.Fields[1].Name = it.Form.Fields[0].Name }, "form.fields.1.name", "catalog.field.duplicate_name"},
		{"choice without options", func(it *catalog.Item) {
			it.Form.Fields = append(it.Form.Fields, catalog.Field{Name: "c", Type: catalog.FieldChoice, Label: "选择"})
		}, "form.fields.13.options", "catalog.field.options_required"},
		{"table in table", func(it *catalog.Item) {
			inner := catalog.Field{Name: "t2", Type: catalog.FieldTable, Label: "内表", Columns: []catalog.Field{{Name: "a", Type: catalog.FieldText, Label: "a"}}}
			it.Form.Fields = append(it.Form.Fields, catalog.Field{Name: "t", Type: catalog.FieldTable, Label: "表", Columns: []catalog.Field{inner}})
		}, "form.fields.13.columns.0.type", "catalog.field.table_in_table"},
		{"unknown department", func(it *catalog.Item) { it.Department = "999999-XX" }, "department", "catalog.item.department_unknown"},
		{"region contradicts department", func(it *catalog.Item) { it.RegionCode = "320104" }, "region_code", "catalog.item.region_mismatch"},
		{"sample not stored", func(it *catalog.Item) {
			it.Materials[0].Sample = &catalog.FileRef{Name: "a.txt", SHA256: "0000000000000000000000000000000000000000000000000000000000000000"}
		}, "materials.0.sample", "catalog.item.sample_missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			it := catalogtest.Item("320102-SCJG-V-001", "320102-SCJG")
			tc.change(&it)
			_, err := c.CreateItem(ctx, f.Users["deptadmina"], it)
			mustInvalid(t, err, tc.field, tc.key)
			var inv *catalog.InvalidError
			errors.As(err, &inv)
			if inv.Item != it.Code && tc.field != "code" {
				t.Errorf("the error does not name the item: %+v", inv)
			}
		})
	}
	list, _ := c.Items(ctx, catalog.ListFilter{})
	if len(list) != 0 {
		t.Fatalf("a refused item was stored: %+v", list)
	}
}

func TestSamples(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, f := newCatalog(t, db)
		if _, e := catalog.SampleRef("virus.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00")); e == nil || e.Key != "catalog.sample.content" {
			t.Fatalf("a renamed executable was accepted: %v", e)
		}
		if _, e := catalog.SampleRef("run.exe", []byte("hello")); e == nil || e.Key != "catalog.sample.type" {
			t.Fatalf("an .exe was accepted: %v", e)
		}
		if _, e := catalog.SampleRef("empty.txt", nil); e == nil || e.Key != "catalog.sample.empty" {
			t.Fatalf("an empty file was accepted: %v", e)
		}
		data := []byte("申请书样表\n申请人：\n")
		ref, e := catalog.SampleRef(`C:\Users\张三\申请书样表.txt`, data)
		if e != nil || ref.Name != "申请书样表.txt" || ref.Size != int64(len(data)) {
			t.Fatalf("sample: %+v %v", ref, e)
		}
		if err := c.PutFile(ctx, ref, data); err != nil {
			t.Fatal(err)
		}
		if err := c.PutFile(ctx, ref, data); err != nil {
			t.Fatalf("storing the same file twice: %v", err)
		}
		it := catalogtest.Item("320102-SCJG-S-001", "320102-SCJG")
		it.Materials[0].Sample = &ref
		v, err := c.CreateItem(ctx, f.Users["deptadmina"], it)
		if err != nil {
			t.Fatal(err)
		}
		got, body, err := c.Sample(ctx, v, 0)
		if err != nil || string(body) != string(data) || got.SHA256 != ref.SHA256 {
			t.Fatalf("sample back: %+v %q %v", got, body, err)
		}
		if _, _, err := c.Sample(ctx, v, 1); !errors.Is(err, catalog.ErrNotFound) {
			t.Fatalf("material without a sample: %v", err)
		}
	})
}

// application is a test event recording an application for an item.
type application struct {
	Item string `json:"item"`
}

func (a application) AppliedFor() string { return a.Item }

// TestUsesProjectedAndMostUsed: the catalogue's projector counts one use per
// application event, in the event's transaction: an application for an
// unknown item fails, writing neither the event nor a use.
func TestUsesProjectedAndMostUsed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := demoCatalog(t, db)
		ps := event.NewProjectors()
		catalog.ProjectUses[application](ps, "test.applied")
		event.Install(db, ps)
		apply := func(code string) error {
			return db.Tx(ctx, func(tx *store.Tx) error {
				_, err := event.Append(ctx, tx, event.Draft{Stream: "case:" + code, Type: "test.applied", Actor: "citizen1",
					At: orgtest.Clock(), Payload: application{Item: code}})
				return err
			})
		}
		for _, code := range []string{"320102-ZRZY-DJ-001", "320102-ZRZY-DJ-001", "320102-ZRZY-DJ-001", "320102-WSJK-XK-001"} {
			if err := apply(code); err != nil {
				t.Fatal(err)
			}
		}
		if err := apply("NO-SUCH"); !errors.Is(err, catalog.ErrNotFound) {
			t.Fatalf("applying for an unknown item: %v", err)
		}
		if evs, err := event.Stream(ctx, db, "case:NO-SUCH"); err != nil || len(evs) != 0 {
			t.Fatalf("the refused application's event was kept: %+v %v", evs, err)
		}
		top, err := c.MostUsed(ctx, 3)
		if err != nil || len(top) != 3 || top[0].Code != "320102-ZRZY-DJ-001" || top[0].Uses != 3 || top[1].Code != "320102-WSJK-XK-001" || top[1].Uses != 1 {
			t.Fatalf("most used: %+v %v", top, err)
		}
	})
}
