package web

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestAudiencesStandApart: an audience's package imports neither another
// audience's nor the shell, and the shell's shared packages import no
// audience and not the shell, so each audience can change on its own and
// the shell alone composes them.
func TestAudiencesStandApart(t *testing.T) {
	const root = "github.com/shenpi/shenpi/internal/web"
	audiences := []string{"portal", "office", "admin", "api"}
	shared := []string{"page", "request", "messages", "refusal", "apply", "published", "itempage", "chart", "deptnames"}
	for _, dir := range append(append([]string{}, audiences...), shared...) {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if path == root {
					t.Errorf("%s imports the shell", f)
				}
				for _, a := range audiences {
					if path == root+"/"+a && a != dir {
						t.Errorf("%s imports the audience package %s", f, a)
					}
				}
			}
		}
	}
}
