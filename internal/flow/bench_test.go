package flow

import (
	"fmt"
	"testing"
	"time"
)

func BenchmarkCheck200(b *testing.B) {
	def := generatedDefinition(200)
	if len(def.Nodes) != 200 {
		b.Fatalf("%d nodes", len(def.Nodes))
	}
	if ps := Check(def); len(ps) > 0 {
		b.Fatal(ps)
	}
	b.ReportAllocs()
	for b.Loop() {
		Check(def)
	}
}

// BenchmarkApplyComplete measures one transition: completing the handling step of the
// serial process (a task closes, the next opens).
func BenchmarkApplyComplete(b *testing.B) {
	def := serialDef()
	eng := Engine{Directory: testDirectory()}
	st, _, err := eng.Apply(def, State{}, Start{Meta: Meta{RequestID: "s", Actor: "wang"}, Departments: testDepts}, t0)
	if err != nil {
		b.Fatal(err)
	}
	accept := st.OpenTasks()[0]
	st, _, err = eng.Apply(def, st, Complete{Meta: Meta{RequestID: "a", Actor: "wang"}, TaskID: accept.ID, Outcome: OutcomeApprove}, t0)
	if err != nil {
		b.Fatal(err)
	}
	handle := st.OpenTasks()[0]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		cmd := Complete{Meta: Meta{RequestID: fmt.Sprint("c", i), Actor: "li"}, TaskID: handle.ID, Outcome: OutcomeApprove}
		if _, _, err := eng.Apply(def, st, cmd, t0.Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDrawSVG200(b *testing.B) {
	def := generatedDefinition(200)
	b.ReportAllocs()
	for b.Loop() {
		DrawSVG(def, nil, Words{})
	}
}
