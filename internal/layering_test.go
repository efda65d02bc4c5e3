// Package internal_test checks the rules between the packages under
// internal/ that no single package can check for itself.
package internal_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/shenpi/shenpi/internal/"

// source is the non-test Go code of every package under internal/, by its
// path below internal/ ("casework", "web/portal").
type source map[string][]*ast.File

func readSource(t *testing.T) source {
	t.Helper()
	out := source{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(p))
		out[pkg] = append(out[pkg], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// imports lists the packages under internal/ that pkg imports.
func (s source) imports(pkg string) []string {
	var out []string
	for _, f := range s[pkg] {
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if rest, ok := strings.CutPrefix(path, module); ok && !slices.Contains(out, rest) {
				out = append(out, rest)
			}
		}
	}
	return out
}

// isWeb reports whether pkg is internal/web or one of its packages.
func isWeb(pkg string) bool { return pkg == "web" || strings.HasPrefix(pkg, "web/") }

// TestDomainsNeverImportWeb: the domains are used by web (and by the
// command line, and later the exchange), never the other way round — not
// even through another package.
func TestDomainsNeverImportWeb(t *testing.T) {
	src := readSource(t)
	for pkg := range src {
		if isWeb(pkg) {
			continue
		}
		seen, path := map[string]bool{}, []string{pkg}
		var walk func(p string) bool
		walk = func(p string) bool {
			for _, im := range src.imports(p) {
				if isWeb(im) {
					path = append(path, im)
					return true
				}
				if !seen[im] {
					seen[im] = true
					path = append(path, im)
					if walk(im) {
						return true
					}
					path = path[:len(path)-1]
				}
			}
			return false
		}
		if walk(pkg) {
			t.Errorf("%s imports web: %s", pkg, strings.Join(path, " → "))
		}
	}
}

// sharedReads are the places a package names a table of another, each
// with its reason; nothing else may.
var sharedReads = map[string]string{
	// The instance and its stream's head are read in one statement, so
	// both are of one snapshot (optimistic concurrency on the case's chain).
	"process reads event_heads": "one snapshot of the instance and its chain",
}

// TestEachTableHasOneOwner: every table of the schema is named in the SQL
// of one package only, its owner; any other package — another domain, web,
// the command line — goes through the owner's functions.
func TestEachTableHasOneOwner(t *testing.T) {
	tables := schemaTables(t)
	if len(tables) < 10 {
		t.Fatalf("only %d tables found in the migrations", len(tables))
	}
	named := map[string][]string{} // table → packages naming it
	src := readSource(t)
	src["../cmd/shenpi"] = readCommand(t)
	sql := regexp.MustCompile(`(?i)\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_]+)\b`)
	for pkg, files := range src {
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				for _, m := range sql.FindAllStringSubmatch(lit.Value, -1) {
					table := m[1]
					if !tables[table] || slices.Contains(named[table], pkg) {
						continue
					}
					if _, ok := sharedReads[pkg+" reads "+table]; ok {
						continue
					}
					named[table] = append(named[table], pkg)
				}
				return true
			})
		}
	}
	for table, pkgs := range named {
		sort.Strings(pkgs)
		if len(pkgs) > 1 {
			t.Errorf("table %s is named by %v; it has one owner", table, pkgs)
		}
		for _, p := range pkgs {
			if isWeb(p) || strings.HasPrefix(p, "../cmd") || p == "demo" {
				t.Errorf("%s names the table %s; it must go through the owning domain", p, table)
			}
		}
	}
}

// schemaTables reads the tables the migrations create.
func schemaTables(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("store/migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	create := regexp.MustCompile(`(?i)CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_]+)`)
	out := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range create.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = true
		}
	}
	return out
}

// readCommand parses the binary's code, which composes the domains and so
// must not name their tables either.
func readCommand(t *testing.T) []*ast.File {
	t.Helper()
	files, err := filepath.Glob("../cmd/shenpi/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []*ast.File
	fset := token.NewFileSet()
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}
