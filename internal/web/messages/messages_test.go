package messages

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/org"
)

// TestMessages checks that both languages have the same keys and that
// every key the templates and the Go code of the web layer use exists.
func TestMessages(t *testing.T) {
	// Each area keeps its own files, locales/AREA.LANG.json; merge them.
	load := func(lang string) map[string]string {
		files, _ := fs.Glob(localeFiles, "locales/*."+lang+".json")
		m := map[string]string{}
		for _, f := range files {
			b, err := localeFiles.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					t.Errorf("%s defines %s again", f, k)
				}
				m[k] = v
			}
		}
		return m
	}
	zh, en := load("zh-Hans"), load("en")
	if len(zh) == 0 || len(en) == 0 {
		t.Fatal("no message files found")
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("%s is missing in English", k)
		}
	}
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("%s is missing in Chinese", k)
		}
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	tmplKey := regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)
	templates := os.DirFS("../templates")
	fs.WalkDir(templates, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			return nil
		}
		b, _ := fs.ReadFile(templates, p)
		for _, m := range tmplKey.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
		return nil
	})
	// Keys named in Go code of web (the shell and every audience's package)
	// and the domains it translates.
	goKey := regexp.MustCompile(`"((?:auth|admin|api|error|form|org|task)\.[a-z0-9_]+\.[a-z0-9_.]+|admin\.saved)"`)
	for _, files := range [][]string{webGoFiles(t), glob(t, "../../org/*.go"), glob(t, "../../auth/*.go"), glob(t, "../../tasks/*.go"), glob(t, "../../process/*.go")} {
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, _ := os.ReadFile(f)
			for _, m := range goKey.FindAllStringSubmatch(string(b), -1) {
				used[m[1]] = true
			}
		}
	}
	// Keys built with printf in templates: role.X, home.role.X, level.X.
	for _, r := range org.Roles {
		used["role."+string(r)], used["home.role."+string(r)] = true, true
	}
	for _, l := range []org.Level{org.Province, org.City, org.County, org.Township} {
		used["level."+string(l)] = true
	}
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

// webGoFiles lists the Go files of the web layer: the shell and the
// packages under it.
func webGoFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			out = append(out, p)
		}
		return err
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("no Go files of web found: %v", err)
	}
	return out
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil || len(m) == 0 {
		t.Fatalf("nothing matches %s: %v", pattern, err)
	}
	return m
}
