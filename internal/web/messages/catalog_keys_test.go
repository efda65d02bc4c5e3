package messages

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/catalog"
)

// TestCatalogKeys checks what TestMessages cannot see: the message keys
// the catalog's Go code returns (catalog.…, portal.…) and the keys pages
// build from enumerations with printf, in both languages.
func TestCatalogKeys(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	goKey := regexp.MustCompile(`"((?:catalog|portal)\.[a-z0-9_.]*[a-z0-9_])"`)
	files := append(webGoFiles(t), glob(t, "../../catalog/*.go")...)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goKey.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	enum := func(prefix string, values ...string) {
		for _, v := range values {
			used[prefix+v] = true
		}
	}
	str := func(xs any) []string {
		var out []string
		switch x := xs.(type) {
		case []catalog.Kind:
			for _, v := range x {
				out = append(out, string(v))
			}
		case []catalog.Mode:
			for _, v := range x {
				out = append(out, string(v))
			}
		case []catalog.Channel:
			for _, v := range x {
				out = append(out, string(v))
			}
		case []catalog.MaterialForm:
			for _, v := range x {
				out = append(out, string(v))
			}
		case []catalog.ResultKind:
			for _, v := range x {
				out = append(out, string(v))
			}
		case []catalog.Theme:
			for _, v := range x {
				out = append(out, string(v))
			}
		case []catalog.Audience:
			for _, v := range x {
				out = append(out, string(v))
			}
		case []catalog.FieldType:
			for _, v := range x {
				out = append(out, string(v))
			}
		}
		return out
	}
	enum("catalog.kind.", str(catalog.Kinds)...)
	enum("catalog.mode.", str(catalog.Modes)...)
	enum("catalog.channel.", str(catalog.Channels)...)
	enum("catalog.material_form.", str(catalog.MaterialForms)...)
	enum("catalog.result_kind.", str(catalog.ResultKinds)...)
	enum("catalog.theme.", str(catalog.Themes)...)
	enum("catalog.audience.", str(catalog.Audiences)...)
	enum("catalog.field_type.", str(catalog.FieldTypes)...)
	enum("catalog.state.", "draft", "submitted", "published", "superseded", "withdrawn")
	enum("portal.audience.", "citizen", "company")
	var missing []string
	for k := range used {
		for _, lang := range []string{"zh-Hans", "en"} {
			if c.T(lang, k, nil) == k {
				missing = append(missing, lang+":"+k)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("keys used but not translated: %v", missing)
	}
}
