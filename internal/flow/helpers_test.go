package flow

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// testDirectory: the item department D1, a lead department LEAD and assisting ones A1–A3.
func testDirectory() *MemoryDirectory {
	d := NewMemoryDirectory()
	d.AddRole("D1", "clerk", "wang")
	d.AddRole("D1", "handler", "li", "zhao")
	d.AddRole("D1", "reviewer", "chen")
	d.AddRole("D1", "approver", "sun")
	d.AddRole("D1", "leader", "qian")
	d.AddRole("LEAD", "clerk", "wang")
	d.AddRole("LEAD", "handler", "lead1", "lead2")
	d.AddRole("LEAD", "approver", "leadboss")
	for _, a := range []string{"A1", "A2", "A3"} {
		d.AddRole(a, "handler", a+"h")
	}
	d.AddUser("admin", "zhou", "wu")
	return d
}

var testDepts = Departments{Item: "D1", Lead: "LEAD", Assisting: []string{"A1", "A2", "A3"}}

func roleIn(dept, role string) *Assignee {
	return &Assignee{Kind: AssignRole, Role: role, Department: dept}
}

func task(id string, a *Assignee) Node { return Node{ID: id, Kind: KindTask, Name: id, Assignee: a} }
func end(id, result string) Node       { return Node{ID: id, Kind: KindEnd, Result: result} }
func startNode() Node                  { return Node{ID: "start", Kind: KindStart} }
func edge(from, to string) Edge        { return Edge{From: from, To: to} }
func on(from, to, outcome string) Edge {
	return Edge{From: from, To: to, On: outcome}
}

// serialDef is 受理 → 承办 → 审核 → 批准 → 办结 in department "item", with the review
// sending failures back to the handler and the approver able to refuse.
func serialDef() *Definition {
	return &Definition{Key: "serial", Name: "一般许可", Version: 1,
		Nodes: []Node{
			startNode(),
			task("accept", roleIn("item", "clerk")),
			task("handle", roleIn("item", "handler")),
			task("review", roleIn("item", "reviewer")),
			task("approve", roleIn("item", "approver")),
			end("done", ResultApproved),
			end("refused", ResultRefused),
		},
		Edges: []Edge{
			edge("start", "accept"),
			on("accept", "handle", "approve"), on("accept", "refused", "reject"),
			edge("handle", "review"),
			on("review", "approve", "approve"), on("review", "handle", "reject"),
			on("approve", "done", "approve"), on("approve", "refused", "reject"),
		},
	}
}

// jointDef: accept, then the lead and two assisting departments in parallel, joined
// before the lead decides.
func jointDef(wait string, n int) *Definition {
	return &Definition{Key: "joint", Version: 1,
		Nodes: []Node{
			startNode(),
			task("accept", roleIn("lead", "clerk")),
			{ID: "fork", Kind: KindSplit},
			task("lead", roleIn("lead", "handler")),
			task("assist1", roleIn("assisting.1", "handler")),
			task("assist2", roleIn("assisting.2", "handler")),
			{ID: "merge", Kind: KindJoin, Wait: wait, N: n},
			task("decide", roleIn("lead", "approver")),
			end("done", ResultApproved),
			end("refused", ResultRefused),
		},
		Edges: []Edge{
			edge("start", "accept"), edge("accept", "fork"),
			edge("fork", "lead"), edge("fork", "assist1"), edge("fork", "assist2"),
			on("lead", "merge", "approve"), on("lead", "refused", "reject"),
			edge("assist1", "merge"), edge("assist2", "merge"),
			edge("merge", "decide"),
			on("decide", "done", "approve"), on("decide", "refused", "reject"),
		},
	}
}

// countersignDef: a countersign of the three assisting departments.
func countersignDef(mode string, comp *Completion, onReject string) *Definition {
	return &Definition{Key: "cs", Version: 1,
		Nodes: []Node{
			startNode(),
			{ID: "sign", Kind: KindCountersign, Mode: mode, Completion: comp, OnReject: onReject,
				Parties: []Assignee{*roleIn("A1", "handler"), *roleIn("A2", "handler"), *roleIn("A3", "handler")}},
			task("approve", roleIn("item", "approver")),
			end("done", ResultApproved),
			end("refused", ResultRefused),
		},
		Edges: []Edge{
			edge("start", "sign"),
			on("sign", "approve", "approve"), on("sign", "refused", "reject"),
			edge("approve", "done"),
		},
	}
}

// loopDef: handling capped at maxRounds entries, a review that sends failures back.
func loopDef(maxRounds int) *Definition {
	d := serialDef()
	d.Key = "loop"
	for i := range d.Nodes {
		if d.Nodes[i].ID == "handle" {
			d.Nodes[i].MaxRounds = maxRounds
		}
	}
	return d
}

// testCase drives one case through Apply, failing the test on unexpected errors.
type testCase struct {
	t    testing.TB
	eng  Engine
	def  *Definition
	st   State
	now  time.Time
	seq  int
	last []Event
}

func newCase(t testing.TB, def *Definition) *testCase {
	t.Helper()
	if ps := Check(def); len(ps) > 0 {
		t.Fatalf("test definition does not pass Check: %v", ps)
	}
	return &testCase{t: t, eng: Engine{Directory: testDirectory()}, def: def, now: t0}
}

func (c *testCase) meta(actor string) Meta {
	c.seq++
	return Meta{RequestID: fmt.Sprintf("req-%d", c.seq), Actor: actor}
}

// try applies a command, returning its error; on success the case moves on.
func (c *testCase) try(cmd Command) error {
	c.t.Helper()
	c.now = c.now.Add(time.Hour)
	st, evs, err := c.eng.Apply(c.def, c.st, cmd, c.now)
	if err != nil {
		if st.Version != c.st.Version {
			c.t.Fatalf("failed command changed the state")
		}
		return err
	}
	if st.Version != c.st.Version+1 && len(evs) > 0 {
		c.t.Fatalf("version went from %d to %d", c.st.Version, st.Version)
	}
	c.st, c.last = st, evs
	return nil
}

func (c *testCase) do(cmd Command) []Event {
	c.t.Helper()
	if err := c.try(cmd); err != nil {
		c.t.Fatalf("%T: %v", cmd, err)
	}
	return c.last
}

func (c *testCase) start(form map[string]any) {
	c.t.Helper()
	c.do(Start{Meta: c.meta("wang"), Form: form, Departments: testDepts})
}

// open returns the single open task at node.
func (c *testCase) open(node string) Task {
	c.t.Helper()
	var found []Task
	for _, t := range c.st.OpenTasks() {
		if t.Node == node {
			found = append(found, t)
		}
	}
	if len(found) != 1 {
		c.t.Fatalf("want one open task at %q, have %d (open: %v)", node, len(found), c.openNodes())
	}
	return found[0]
}

// holder is someone allowed to act on t.
func holder(t Task) string {
	switch {
	case t.ClaimedBy != "":
		return t.ClaimedBy
	case t.Assignee != "":
		return t.Assignee
	}
	return t.Candidates[0]
}

// complete finishes the open task at node as its holder.
func (c *testCase) complete(node, outcome string) []Event {
	c.t.Helper()
	t := c.open(node)
	return c.do(Complete{Meta: c.meta(holder(t)), TaskID: t.ID, Outcome: outcome, Opinion: "意见：" + outcome})
}

func (c *testCase) openNodes() []string {
	var nodes []string
	for _, t := range c.st.OpenTasks() {
		nodes = append(nodes, t.Node)
	}
	slices.Sort(nodes)
	return nodes
}

func (c *testCase) wantOpen(nodes ...string) {
	c.t.Helper()
	slices.Sort(nodes)
	if got := c.openNodes(); !slices.Equal(got, nodes) {
		c.t.Fatalf("open tasks at %v, want %v", got, nodes)
	}
}

func (c *testCase) wantEnded(result string) {
	c.t.Helper()
	if c.st.Status != StatusEnded || c.st.EndKind != result {
		c.t.Fatalf("case is %q/%q, want ended %q (open: %v)", c.st.Status, c.st.EndKind, result, c.openNodes())
	}
	if len(c.st.OpenTasks()) > 0 || len(c.st.Tokens) > 0 {
		c.t.Fatalf("ended case still has open tasks or tokens")
	}
}

func eventTypes(evs []Event) []string {
	var types []string
	for _, e := range evs {
		types = append(types, e.Type)
	}
	return types
}

func countEvents(evs []Event, typ string) int {
	n := 0
	for _, e := range evs {
		if e.Type == typ {
			n++
		}
	}
	return n
}

func wantErr(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error %v, want %v", err, target)
	}
}
