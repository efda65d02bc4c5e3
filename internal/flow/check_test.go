package flow

import (
	"strings"
	"testing"
)

func TestCheckAcceptsGoodDefinitions(t *testing.T) {
	for name, def := range map[string]*Definition{
		"serial":      serialDef(),
		"joint":       jointDef(WaitAll, 0),
		"first-2":     jointDef(WaitFirst, 2),
		"countersign": countersignDef(ModeSequential, &Completion{Rule: RuleRatio, Ratio: 0.66}, OnRejectContinue),
		"loop":        loopDef(3),
		"generated":   generatedDefinition(200),
	} {
		if ps := Check(def); len(ps) > 0 {
			t.Errorf("%s: %v", name, ps)
		}
	}
}

// mutate returns the serial definition changed by f.
func mutate(f func(d *Definition)) *Definition {
	d := serialDef()
	f(d)
	return d
}

func withNodes(d *Definition, nodes ...Node) { d.Nodes = append(d.Nodes, nodes...) }
func withEdges(d *Definition, edges ...Edge) { d.Edges = append(d.Edges, edges...) }

// redirect points the edges from→oldTo at newTo.
func redirect(d *Definition, from, oldTo, newTo string) {
	for i, e := range d.Edges {
		if e.From == from && e.To == oldTo {
			d.Edges[i].To = newTo
		}
	}
}

func cond(from, to, expr string, order int) Edge {
	return Edge{From: from, To: to, Condition: expr, Order: order}
}

func deflt(from, to string) Edge { return Edge{From: from, To: to, Default: true} }

func TestCheckRefusesBrokenDefinitions(t *testing.T) {
	tests := []struct {
		name string
		def  *Definition
		code string
		node string // must be the problem's NodeID and appear in its message
	}{
		{"no start", mutate(func(d *Definition) { d.Nodes = d.Nodes[1:] }), CodeNoStart, ""},
		{"two starts", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "start2", Kind: KindStart})
			withEdges(d, edge("start2", "accept"))
		}), CodeManyStarts, "start2"},
		{"no end", mutate(func(d *Definition) {
			d.Nodes = d.Nodes[:5]
			d.Edges = []Edge{edge("start", "accept"), edge("accept", "handle"), edge("handle", "review"), edge("review", "approve"), edge("approve", "handle")}
		}), CodeNoEnd, ""},
		{"duplicate id", mutate(func(d *Definition) { withNodes(d, task("review", roleIn("item", "x"))) }), CodeDuplicateID, "review"},
		{"dangling edge", mutate(func(d *Definition) { withEdges(d, on("review", "ghost", "maybe")) }), CodeDanglingEdge, "review"},
		{"unreachable", mutate(func(d *Definition) {
			withNodes(d, task("orphan", roleIn("item", "x")))
			withEdges(d, edge("orphan", "done"))
		}), CodeUnreachable, "orphan"},
		{"no path to end", mutate(func(d *Definition) {
			withNodes(d, task("spin1", roleIn("item", "x")), task("spin2", roleIn("item", "x")))
			withEdges(d, on("accept", "spin1", "hold"), edge("spin1", "spin2"), edge("spin2", "spin1"))
		}), CodeNoPathToEnd, "spin1"},
		{"branch bypasses join", func() *Definition {
			d := jointDef(WaitAll, 0)
			withNodes(d, Node{ID: "check", Kind: KindChoice})
			redirect(d, "assist2", "merge", "check")
			withEdges(d, cond("check", "merge", `outcome == "approve"`, 1), deflt("check", "decide"))
			return d
		}(), CodeJoinMayWaitForever, "decide"},
		{"join fed by a choice, no split", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "which", Kind: KindChoice}, Node{ID: "meet", Kind: KindJoin})
			redirect(d, "handle", "review", "which")
			withEdges(d, cond("which", "review", `form.x == 1`, 1), deflt("which", "approve"))
			redirect(d, "review", "approve", "meet")
			withEdges(d, edge("meet", "approve"))
			for i := range d.Edges {
				if d.Edges[i].From == "which" && d.Edges[i].To == "approve" {
					d.Edges[i].To = "meet"
				}
			}
		}), CodeJoinMayWaitForever, "meet"},
		{"two joins close one split", func() *Definition {
			d := jointDef(WaitAll, 0)
			withNodes(d, Node{ID: "merge2", Kind: KindJoin})
			redirect(d, "assist2", "merge", "merge2")
			withEdges(d, edge("merge2", "decide"))
			return d
		}(), CodeJoinMayWaitForever, "merge2"},
		{"first-N above branches", jointDef(WaitFirst, 4), CodeJoinMayWaitForever, "merge"},
		{"choice with equal orders", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "size", Kind: KindChoice})
			redirect(d, "handle", "review", "size")
			withEdges(d, cond("size", "review", "form.a > 1", 1), cond("size", "approve", "form.b > 1", 1), deflt("size", "review"))
		}), CodeAmbiguousChoice, "size"},
		{"choice without default", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "size", Kind: KindChoice})
			redirect(d, "handle", "review", "size")
			withEdges(d, cond("size", "review", "form.a > 1", 1), cond("size", "approve", "form.b > 1", 2))
		}), CodeNoDefault, "size"},
		{"choice with two defaults", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "size", Kind: KindChoice})
			redirect(d, "handle", "review", "size")
			withEdges(d, deflt("size", "review"), deflt("size", "approve"))
		}), CodeManyDefaults, "size"},
		{"condition does not parse", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "size", Kind: KindChoice})
			redirect(d, "handle", "review", "size")
			withEdges(d, cond("size", "approve", "form.a >", 1), deflt("size", "review"))
		}), CodeBadCondition, "size"},
		{"condition mistyped", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "size", Kind: KindChoice})
			redirect(d, "handle", "review", "size")
			withEdges(d, cond("size", "approve", "outcome > 3", 1), deflt("size", "review"))
		}), CodeBadCondition, "size"},
		{"condition not boolean", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "size", Kind: KindChoice})
			redirect(d, "handle", "review", "size")
			withEdges(d, cond("size", "approve", "rounds.handle + 1", 1), deflt("size", "review"))
		}), CodeBadCondition, "size"},
		{"task without assignee", mutate(func(d *Definition) { d.Nodes[2].Assignee = nil }), CodeBadAssignee, "handle"},
		{"role without department", mutate(func(d *Definition) { d.Nodes[3].Assignee = &Assignee{Kind: AssignRole, Role: "reviewer"} }), CodeBadAssignee, "review"},
		{"bad assisting index", mutate(func(d *Definition) { d.Nodes[3].Assignee = roleIn("assisting.0", "handler") }), CodeBadAssignee, "review"},
		{"same_as not on every path", mutate(func(d *Definition) {
			withNodes(d, task("extra", roleIn("item", "x")), task("notify", &Assignee{Kind: AssignSameAs, Node: "extra"}))
			withEdges(d, on("accept", "extra", "special"), edge("extra", "handle"))
			redirect(d, "approve", "done", "notify")
			withEdges(d, edge("notify", "done"))
		}), CodeBadAssignee, "notify"},
		{"loop of choices", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "c1", Kind: KindChoice}, Node{ID: "c2", Kind: KindChoice})
			redirect(d, "handle", "review", "c1")
			withEdges(d, cond("c1", "review", "form.a == 1", 1), deflt("c1", "c2"), cond("c2", "review", "form.b == 1", 1), deflt("c2", "c1"))
		}), CodeLoopWithoutTask, "c1"},
		{"task cannot be skipped", mutate(func(d *Definition) {
			for i := range d.Edges {
				if d.Edges[i].From == "handle" {
					d.Edges[i].On = "submit"
				}
			}
		}), CodeNoDefault, "handle"},
		{"countersign without reject route", func() *Definition {
			d := countersignDef(ModeParallel, nil, "")
			d.Edges = []Edge{edge("start", "sign"), on("sign", "approve", "approve"), edge("approve", "done"), edge("approve", "refused")}
			d.Edges[3].On = "reject"
			return d
		}(), CodeNoDefault, "sign"},
		{"split with one branch", mutate(func(d *Definition) {
			withNodes(d, Node{ID: "fork", Kind: KindSplit})
			redirect(d, "handle", "review", "fork")
			withEdges(d, edge("fork", "review"))
		}), CodeBadEdges, "fork"},
		{"unknown kind", mutate(func(d *Definition) { d.Nodes[3].Kind = "magic" }), CodeBadNode, "review"},
		{"ratio above one", func() *Definition {
			return countersignDef(ModeParallel, &Completion{Rule: RuleRatio, Ratio: 1.5}, "")
		}(), CodeBadNode, "sign"},
		{"end without result", mutate(func(d *Definition) { d.Nodes[5].Result = "" }), CodeBadNode, "done"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := Check(tt.def)
			for _, p := range problems {
				if p.Code != tt.code {
					continue
				}
				if p.NodeID != tt.node {
					continue
				}
				if tt.node != "" && !strings.Contains(p.Message, `"`+tt.node+`"`) {
					t.Errorf("message %q does not name %q", p.Message, tt.node)
				}
				return
			}
			t.Fatalf("want %s at %q, got %v", tt.code, tt.node, problems)
		})
	}
}

func TestCheckNamesNodesByName(t *testing.T) {
	d := serialDef()
	d.Nodes[3].Name = "审核"
	d.Nodes[3].Assignee = nil
	ps := Check(d)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, `"review" (审核)`) {
		t.Fatalf("%v", ps)
	}
}

func TestCheckNil(t *testing.T) {
	if ps := Check(nil); len(ps) != 1 || ps[0].Code != CodeNoStart {
		t.Fatalf("%v", ps)
	}
}
