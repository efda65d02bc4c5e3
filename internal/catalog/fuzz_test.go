package catalog_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
)

// FuzzParseDocument feeds the import parser arbitrary bytes: it must never
// panic, must answer either a Document or an ImportError, and a Document it
// accepts must validate or refuse each item without panicking and survive a
// round trip through WriteJSON.
func FuzzParseDocument(f *testing.F) {
	item, _ := json.Marshal(catalogtest.Item("320102-SCJG-Z-001", "320102-SCJG"))
	f.Add([]byte(`{"format":"shenpi-catalog","version":1,"items":[` + string(item) + `]}`))
	f.Add([]byte(`{"format":"shenpi-catalog","version":1,"items":[{"code":"A-1-1","form":{"fields":[{"name":"t","type":"table","columns":[{"name":"c","type":"table"}]}]}}]}`))
	f.Add([]byte(`{"format":"shenpi-catalog","version":1,"items":[{}],"files":[{"sha256":"x","data":"5L2g"}]}`))
	f.Add([]byte(`{"items":[1,2,3]}`))
	f.Add([]byte("{\"format\":\"shenpi-catalog\"\n,,}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := catalog.ParseDocument(bytes.NewReader(data))
		if err != nil {
			var ie *catalog.ImportError
			if !errors.As(err, &ie) || len(ie.Problems) == 0 {
				t.Fatalf("not an ImportError: %v", err)
			}
			return
		}
		for _, it := range doc.Items {
			it.Normalize()
			it.Validate()
			it.Form.Validate(catalog.Values{"a": "1", "t.0.c": "x"})
		}
		var b bytes.Buffer
		if err := doc.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		if _, err := catalog.ParseDocument(&b); err != nil {
			t.Fatalf("an accepted document does not parse again: %v", err)
		}
	})
}

// FuzzFormValidate checks answers of any shape against the test form.
func FuzzFormValidate(f *testing.F) {
	form := catalogtest.Item("X-1-1", "d").Form
	f.Add("shop", "玄武小馆", "staff.0.id", "11010519491231002X")
	f.Add("area", "１２０．５", "staff.9999.name", "x")
	f.Add("opening", "2026-02-29", "staff.-1.name", "\xff")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		v := catalogtest.GoodValues()
		v[k1], v[k2] = v1, v2
		clean, problems := form.Clean(v)
		if len(problems) == 0 {
			if again := form.Validate(clean); len(again) != 0 {
				t.Fatalf("clean answers refused: %v", again)
			}
		}
	})
}
