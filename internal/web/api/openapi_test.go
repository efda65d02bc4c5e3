package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOpenAPIWritesTakeIdempotencyKey: every state-changing operation of the
// OpenAPI document declares the Idempotency-Key header, which every
// state-changing route honours (see idempotent).
func TestOpenAPIWritesTakeIdempotencyKey(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []map[string]any `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	writes := 0
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if !changesState(strings.ToUpper(method)) {
				continue
			}
			writes++
			found := false
			for _, p := range op.Parameters {
				found = found || p["$ref"] == "#/components/parameters/IdempotencyKey"
			}
			if !found {
				t.Errorf("%s %s does not declare the Idempotency-Key header", method, path)
			}
		}
	}
	if writes == 0 {
		t.Fatal("no state-changing operation in the document")
	}
}
