package catalog_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
)

func TestFormAcceptsAndCleans(t *testing.T) {
	form := catalogtest.Item("X-1-1", "d").Form
	if e := form.Check(); e != nil {
		t.Fatal(e)
	}
	in := catalogtest.GoodValues()
	in["area"] = " １２０．５ "  // typed with a Chinese input method
	in["staff.1.name"] = "" // an empty row the browser sent
	in["staff.1.id"] = ""
	in["staff.2.name"] = "李四"
	in["staff.2.id"] = "11010519491231002X"
	out, problems := form.Clean(in)
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	want := catalogtest.GoodValues()
	want["area"] = "120.5"
	want["owner_id"] = "11010519491231002X"
	want["staff.1.name"], want["staff.1.id"] = "李四", "11010519491231002X"
	if d := cmp.Diff(want, out); d != "" {
		t.Fatalf("clean (-want +got):\n%s", d)
	}
}

// TestFormRefuses covers every field type's rules; each case changes one
// answer of the good set and expects one problem at one path.
func TestFormRefuses(t *testing.T) {
	form := catalogtest.Item("X-1-1", "d").Form
	cases := []struct {
		name, path, value string
		wantPath, key     string
	}{
		{"text required", "shop", "  ", "shop", "catalog.form.required"},
		{"text too short", "shop", "店", "shop", "catalog.form.too_short"},
		{"text too long", "shop", "这是一个非常非常非常非常非常非常长的店铺名称啊啊", "shop", "catalog.form.too_long"},
		{"text one line", "shop", "玄武\x00小馆", "shop", "catalog.form.control"},
		{"text bad encoding", "shop", "玄武\xff小馆", "shop", "catalog.form.encoding"},
		{"longtext control character", "about", "经营\x07范围", "about", "catalog.form.control"},
		{"longtext length", "about", "经营范围经营范围经营范围经营范围经营范围经营范围经营范围经营范围经营范围经营范围经营范围经营范围经营范围", "about", "catalog.form.too_long"},
		{"number not a number", "area", "一百", "area", "catalog.form.number"},
		{"number exponent", "area", "1e3", "area", "catalog.form.number"},
		{"number below min", "area", "0.5", "area", "catalog.form.too_small"},
		{"number above max", "area", "1000.01", "area", "catalog.form.too_large"},
		{"number integer", "staff_count", "8.5", "staff_count", "catalog.form.integer"},
		{"date format", "opening", "2026/12/01", "opening", "catalog.form.date"},
		{"date impossible", "opening", "2026-02-30", "opening", "catalog.form.date"},
		{"date too early", "opening", "2019-12-31", "opening", "catalog.form.date_early"},
		{"date too late", "opening", "2031-01-01", "opening", "catalog.form.date_late"},
		{"choice unknown", "format", "wholesale", "format", "catalog.form.choice"},
		{"choice required", "format", "", "format", "catalog.form.required"},
		{"yesno", "online", "maybe", "online", "catalog.form.yesno"},
		{"resident ID check digit", "owner_id", "110105194912310021", "owner_id", "ident.resident_id.check"},
		{"resident ID length", "owner_id", "1101051949", "owner_id", "ident.resident_id.length"},
		{"credit code check", "credit", "91350100M000100Y44", "credit", "ident.credit_code.check"},
		{"mobile", "mobile", "12345", "mobile", "ident.mobile.format"},
		{"region", "region", "32A102", "region", "ident.region_code.format"},
		{"address required", "address", "", "address", "catalog.form.required"},
		{"table cell", "staff.0.id", "110105194912310021", "staff.0.id", "ident.resident_id.check"},
		{"table cell required", "staff.0.name", "", "staff.0.name", "catalog.form.required"},
		{"unknown field", "colour", "red", "colour", "catalog.form.unknown"},
		{"unknown column", "staff.0.age", "30", "staff.0.age", "catalog.form.unknown"},
		{"odd row index", "staff.01.name", "王五", "staff.01.name", "catalog.form.unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := catalogtest.GoodValues()
			v[tc.path] = tc.value
			problems := form.Validate(v)
			if len(problems) != 1 || problems[tc.wantPath].Key != tc.key {
				t.Fatalf("want %s at %s, got %v", tc.key, tc.wantPath, problems)
			}
		})
	}
	// Table row limits.
	v := catalogtest.GoodValues()
	for _, k := range []string{"1", "2", "3"} {
		v["staff."+k+".name"], v["staff."+k+".id"] = "王五", "11010519491231002X"
	}
	if p := form.Validate(v); p["staff"].Key != "catalog.form.rows_max" || p["staff"].Args["Max"] != 3 {
		t.Fatalf("too many rows: %v", p)
	}
	v = catalogtest.GoodValues()
	delete(v, "staff.0.name")
	delete(v, "staff.0.id")
	if p := form.Validate(v); len(p) != 0 {
		t.Fatalf("an optional table left empty: %v", p)
	}
	form.Fields[len(form.Fields)-1].Required = true
	if p := form.Validate(v); p["staff"].Key != "catalog.form.required" {
		t.Fatalf("a required table left empty: %v", p)
	}
	form.Fields[len(form.Fields)-1].MinRows = 2
	if p := form.Validate(catalogtest.GoodValues()); p["staff"].Key != "catalog.form.rows_min" {
		t.Fatalf("too few rows: %v", p)
	}
	// Problems carry what the message needs.
	v = catalogtest.GoodValues()
	v["shop"] = "店"
	if p := form.Validate(v); p["shop"].Args["Min"] != 2 {
		t.Fatalf("args: %+v", p["shop"])
	}
}

func TestValuesFromJSON(t *testing.T) {
	v, err := catalog.ValuesFromJSON([]byte(`{"shop":"玄武小馆","area":120.5,"online":false,"staff":[{"name":"张三","id":"11010519491231002X"}],"credit":null}`))
	if err != nil {
		t.Fatal(err)
	}
	want := catalog.Values{"shop": "玄武小馆", "area": "120.5", "online": "no", "staff.0.name": "张三", "staff.0.id": "11010519491231002X", "credit": ""}
	if d := cmp.Diff(want, v); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	for _, bad := range []string{`{"a":{"b":1}}`, `{"t":[1]}`, `{"a":1} {}`, `[1]`, `{"t":[{"c":[1]}]}`} {
		if _, err := catalog.ValuesFromJSON([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}
