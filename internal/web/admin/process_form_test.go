package admin

import (
	"encoding/json"
	"testing"

	"github.com/shenpi/shenpi/internal/flow/demo"
)

// TestFlowFormRoundTrip writes each demo definition into the editor's form and reads it
// back: the editor loses nothing a definition can say.
func TestFlowFormRoundTrip(t *testing.T) {
	defs, err := demo.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, def := range defs {
		def.Version = 0 // the form does not carry it; the store sets it
		form := flowFormOf(def)
		nodes := withBlankFlowRows(flowRows(form, "n", flowNodeFields))
		edges := withBlankFlowRows(flowRows(form, "e", flowEdgeFields))
		back, ok := flowDefinitionForm(form.Get("key"), form.Get("name"), nodes, edges)
		if !ok {
			t.Fatalf("%s: the form does not read back: %+v", def.Key, nodes)
		}
		want, _ := json.Marshal(def)
		got, _ := json.Marshal(back)
		if string(got) != string(want) {
			t.Errorf("%s changed in the editor:\n got %s\nwant %s", def.Key, got, want)
		}
	}
	if _, ok := parseFlowParty("role:handler"); ok {
		t.Error("a role party without a department was accepted")
	}
	if p, ok := parseFlowParty("same_as:handle"); !ok || p.Node != "handle" {
		t.Errorf("same_as party: %+v", p)
	}
}
