package api

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzDecodeJSON feeds arbitrary bodies to the API's JSON reader: it must
// never panic, and must either decode exactly one object or name a
// problem with a message key.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{`{"username":"a"}`, `{"username":`, `{} {}`, `{"colour":1}`, `[]`, `null`, "\xff"} {
		f.Add(seed)
	}
	known := map[string]bool{"": true, "api.json.content_type": true, "api.json.malformed": true, "api.json.too_large": true,
		"api.json.trailing": true, "api.json.type": true, "api.json.unknown_field": true}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/api/v1/users", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		var v apiUserCreateRequest
		key, detail := decodeJSON(r, &v)
		if !known[key] || (key != "") != (detail != nil) {
			t.Fatalf("body %q: key %q, detail %v", body, key, detail)
		}
	})
}
