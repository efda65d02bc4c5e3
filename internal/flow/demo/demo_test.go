package demo_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/flow/demo"
)

func TestDemoDefinitionsPassCheck(t *testing.T) {
	defs, err := demo.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) != 4 {
		t.Fatalf("%d demo definitions", len(defs))
	}
	for _, d := range defs {
		if ps := flow.Check(d); len(ps) > 0 {
			t.Errorf("%s: %v", d.Key, ps)
		}
	}
}

// TestDemoDefinitionsRunToApproval approves every step of every demo process.
func TestDemoDefinitionsRunToApproval(t *testing.T) {
	dir := flow.NewMemoryDirectory()
	for _, dept := range []string{"ITEM", "LEAD", "A1", "A2", "A3"} {
		for _, role := range []string{"clerk", "handler", "reviewer", "approver", "leader"} {
			dir.AddRole(dept, role, dept+"-"+role)
		}
	}
	eng := flow.Engine{Directory: dir}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, name := range demo.Names() {
		def, err := demo.Definition(name)
		if err != nil {
			t.Fatal(err)
		}
		st, _, err := eng.Apply(def, flow.State{}, flow.Start{
			Meta:        flow.Meta{RequestID: "start", Actor: "ITEM-clerk"},
			Form:        map[string]any{"amount": 2000000},
			Departments: flow.Departments{Item: "ITEM", Lead: "LEAD", Assisting: []string{"A1", "A2", "A3"}},
		}, now)
		if err != nil {
			t.Fatalf("%s: start: %v", name, err)
		}
		for i := 0; st.Status == flow.StatusRunning && i < 50; i++ {
			task := st.OpenTasks()[0]
			st, _, err = eng.Apply(def, st, flow.Complete{
				Meta:   flow.Meta{RequestID: fmt.Sprint("r", i), Actor: task.Assignee},
				TaskID: task.ID, Outcome: flow.OutcomeApprove,
			}, now)
			if err != nil {
				t.Fatalf("%s: completing %s: %v", name, task.Node, err)
			}
		}
		if st.EndKind != flow.ResultApproved {
			t.Errorf("%s ended %q %q", name, st.Status, st.EndKind)
		}
	}
}
