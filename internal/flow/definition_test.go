package flow

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestParseDefinition(t *testing.T) {
	good, err := json.Marshal(serialDef())
	if err != nil {
		t.Fatal(err)
	}
	def, err := ParseDefinition(good)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(def, serialDef()) {
		t.Fatalf("round trip changed the definition: %+v", def)
	}
	for name, in := range map[string]string{
		"unknown field": `{"key":"k","nodes":[{"id":"a","kind":"task","colour":"red"}]}`,
		"trailing data": `{"key":"k"} {"key":"k2"}`,
		"wrong type":    `{"key":"k","version":"1"}`,
		"not json":      `<definition/>`,
		"empty":         ``,
		"array":         `[]`,
	} {
		if _, err := ParseDefinition([]byte(in)); !errors.Is(err, ErrMalformedDefinition) {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

func TestDefinitionJSONFieldNames(t *testing.T) {
	data, _ := json.Marshal(Node{ID: "x", Kind: KindJoin, Wait: WaitFirst, N: 2, LimitDays: 3, MaxRounds: 2})
	want := `{"id":"x","kind":"join","limit_days":3,"wait":"first","n":2,"max_rounds":2}`
	if string(data) != want {
		t.Fatalf("got %s", data)
	}
}

// FuzzParseDefinition: nothing a parsed definition contains may make Check or DrawSVG
// panic, and what parses re-encodes to something that parses the same.
func FuzzParseDefinition(f *testing.F) {
	for _, d := range []*Definition{serialDef(), jointDef(WaitFirst, 2), countersignDef(ModeParallel, &Completion{Rule: RuleRatio, Ratio: 0.66}, "")} {
		data, _ := json.Marshal(d)
		f.Add(data)
	}
	f.Add([]byte(`{"key":"k","nodes":[{"id":"s","kind":"start"},{"id":"c","kind":"choice"}],"edges":[{"from":"s","to":"c"},{"from":"c","to":"c","condition":"form.x > 1"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := ParseDefinition(data)
		if err != nil {
			return
		}
		_ = Check(def)
		wellFormed(t, DrawSVG(def, nil, Words{}))
		again, err := json.Marshal(def)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseDefinition(again)
		if err != nil {
			t.Fatalf("re-encoded definition does not parse: %v", err)
		}
		if !reflect.DeepEqual(def, back) {
			t.Fatalf("round trip changed the definition")
		}
	})
}
