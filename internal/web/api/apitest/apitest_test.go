package apitest_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/shenpi/shenpi/internal/web/api/apitest"
)

// TestEveryOperationNamed: clients generated from the document name their
// methods after operationId, so every operation has one, and no two share it.
func TestEveryOperationNamed(t *testing.T) {
	doc, err := apitest.Document()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	n := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			n++
			where := method + " " + path
			if op.OperationID == "" {
				t.Errorf("%s has no operationId", where)
				continue
			}
			if other, ok := seen[op.OperationID]; ok {
				t.Errorf("%s and %s share the operationId %s", where, other, op.OperationID)
			}
			seen[op.OperationID] = where
		}
	}
	if n < 10 {
		t.Fatalf("only %d operations in the document", n)
	}
}

// TestEveryRouteDocumented: each route the API registers under /api/v1 is an
// operation of the document, with the same method and path.
func TestEveryRouteDocumented(t *testing.T) {
	doc, err := apitest.Document()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../*.go")
	if err != nil {
		t.Fatal(err)
	}
	route := regexp.MustCompile(`"(GET|POST|PUT|PATCH|DELETE) /api/v1(/[^"]*)"`)
	found := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range route.FindAllStringSubmatch(string(src), -1) {
			method, path := m[1], m[2]
			if path == "/openapi.json" {
				continue
			}
			found++
			item := doc.Paths.Value(path)
			if item == nil || item.GetOperation(method) == nil {
				t.Errorf("%s: the route %s /api/v1%s is not in the OpenAPI document", filepath.Base(f), method, path)
			}
		}
	}
	if found < 10 {
		t.Fatalf("only %d routes found in the API's source", found)
	}
}
