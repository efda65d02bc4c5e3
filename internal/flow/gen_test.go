package flow

import (
	"fmt"
	"math/rand/v2"
)

// defGen builds random valid definitions from structured blocks: serial tasks, review
// loops with caps, parallel splits with joins (all or first-N), exclusive choices,
// countersigns, and rejections that end the case from anywhere.
type defGen struct {
	r     *rand.Rand
	d     *Definition
	seq   int
	tasks []string // task nodes made so far, for conditions
}

// exit is an edge still to be connected to whatever comes next.
type exit struct{ from, on string }

func newDefGen(r *rand.Rand) *defGen {
	g := &defGen{r: r, d: &Definition{Key: "gen", Name: "随机流程", Version: 1}}
	g.d.Nodes = append(g.d.Nodes, startNode(), end("done", ResultApproved))
	return g
}

// randomDefinition makes a definition of roughly size nodes.
func randomDefinition(r *rand.Rand, size int) *Definition {
	g := newDefGen(r)
	exits := []exit{{from: "start"}}
	for len(g.d.Nodes) < size {
		entry, out := g.block(2)
		g.connect(exits, entry)
		exits = out
	}
	g.connect(exits, "done")
	return g.d
}

// generatedDefinition is a fixed definition of exactly n nodes (for benchmarks).
func generatedDefinition(n int) *Definition {
	g := newDefGen(rand.New(rand.NewPCG(1, 2)))
	exits := []exit{{from: "start"}}
	for len(g.d.Nodes) < n-12 {
		entry, out := g.block(2)
		g.connect(exits, entry)
		exits = out
	}
	for len(g.d.Nodes) < n {
		id := g.task()
		g.connect(exits, id)
		exits = []exit{{from: id}}
	}
	g.connect(exits, "done")
	return g.d
}

func (g *defGen) id(prefix string) string {
	g.seq++
	return fmt.Sprintf("%s%d", prefix, g.seq)
}

// refused returns the refusing end, making it when first needed.
func (g *defGen) refused() string {
	if g.d.node("refused") == nil {
		g.d.Nodes = append(g.d.Nodes, end("refused", ResultRefused))
	}
	return "refused"
}

func (g *defGen) connect(exits []exit, to string) {
	for _, e := range exits {
		g.d.Edges = append(g.d.Edges, Edge{From: e.from, To: to, On: e.on})
	}
}

func (g *defGen) assignee() *Assignee {
	switch g.r.IntN(6) {
	case 0:
		return &Assignee{Kind: AssignUser, User: "sun"}
	case 1:
		return roleIn("assisting.2", "handler")
	case 2:
		return roleIn("lead", "handler")
	}
	return roleIn("item", "handler")
}

func (g *defGen) task() string {
	id := g.id("t")
	n := task(id, g.assignee())
	n.Name = "步骤" + id
	n.LimitDays = g.r.IntN(5)
	g.d.Nodes = append(g.d.Nodes, n)
	g.tasks = append(g.tasks, id)
	return id
}

// block returns a block's entry node and its exits.
func (g *defGen) block(depth int) (string, []exit) {
	k := g.r.IntN(10)
	if depth <= 0 {
		k = g.r.IntN(3)
	}
	switch k {
	case 0, 1:
		id := g.task()
		if g.r.IntN(3) == 0 {
			g.d.Edges = append(g.d.Edges, on(id, g.refused(), OutcomeReject))
		}
		return id, []exit{{from: id}}
	case 2:
		return g.countersign()
	case 3, 4:
		return g.loop()
	case 5, 6:
		return g.split(depth - 1)
	case 7, 8:
		return g.choice(depth - 1)
	}
	return g.sequence(depth - 1)
}

func (g *defGen) sequence(depth int) (string, []exit) {
	entry, exits := g.block(depth)
	for i := g.r.IntN(3); i > 0; i-- {
		e, out := g.block(depth)
		g.connect(exits, e)
		exits = out
	}
	return entry, exits
}

func (g *defGen) countersign() (string, []exit) {
	id := g.id("cs")
	parties := []Assignee{*roleIn("A1", "handler"), *roleIn("A2", "handler")}
	if g.r.IntN(2) == 0 {
		parties = append(parties, Assignee{Kind: AssignUser, User: "chen"})
	}
	if g.r.IntN(4) == 0 {
		parties = []Assignee{*roleIn("assisting", "handler")}
	}
	comps := []*Completion{nil, {Rule: RuleAll}, {Rule: RuleAny}, {Rule: RuleAtLeast, N: 2}, {Rule: RuleRatio, Ratio: 0.66}}
	n := Node{ID: id, Kind: KindCountersign, Name: "会签" + id, Parties: parties,
		Mode:       []string{ModeParallel, ModeSequential}[g.r.IntN(2)],
		Completion: comps[g.r.IntN(len(comps))],
		OnReject:   []string{"", OnRejectFail, OnRejectContinue}[g.r.IntN(3)]}
	g.d.Nodes = append(g.d.Nodes, n)
	if g.r.IntN(2) == 0 {
		g.d.Edges = append(g.d.Edges, on(id, g.refused(), OutcomeReject))
		return id, []exit{{from: id, on: OutcomeApprove}}
	}
	return id, []exit{{from: id}}
}

// loop is handle → review, the review sending failures back, handling capped.
func (g *defGen) loop() (string, []exit) {
	handle, review := g.task(), g.task()
	for i := range g.d.Nodes {
		if g.d.Nodes[i].ID == handle {
			g.d.Nodes[i].MaxRounds = 1 + g.r.IntN(3)
		}
	}
	g.d.Edges = append(g.d.Edges, edge(handle, review), on(review, handle, OutcomeReject))
	if g.r.IntN(2) == 0 {
		g.d.Edges = append(g.d.Edges, on(review, handle, OutcomeReturn))
	}
	return handle, []exit{{from: review}}
}

func (g *defGen) split(depth int) (string, []exit) {
	split, join := g.id("split"), g.id("join")
	k := 2 + g.r.IntN(2)
	jn := Node{ID: join, Kind: KindJoin}
	if g.r.IntN(3) == 0 {
		jn.Wait, jn.N = WaitFirst, 1+g.r.IntN(k)
	}
	g.d.Nodes = append(g.d.Nodes, Node{ID: split, Kind: KindSplit}, jn)
	for i := 0; i < k; i++ {
		entry, exits := g.block(depth)
		g.d.Edges = append(g.d.Edges, edge(split, entry))
		g.connect(exits, join)
	}
	return split, []exit{{from: join}}
}

var conditions = []string{
	`(form.amount ?? 0) > 1000`,
	`outcome == "approve"`,
	`outcome != "reject" && (form.amount ?? 0) < 500`,
	`len(outcomes) > 2`,
	`form.missing > 3`, // fails at run time: counts as false
}

func (g *defGen) choice(depth int) (string, []exit) {
	id := g.id("c")
	g.d.Nodes = append(g.d.Nodes, Node{ID: id, Kind: KindChoice, Name: "判断" + id})
	src := conditions[g.r.IntN(len(conditions))]
	if len(g.tasks) > 0 && g.r.IntN(3) == 0 {
		t := g.tasks[g.r.IntN(len(g.tasks))]
		src = fmt.Sprintf(`outcomes[%q] == "reject" || rounds[%q] >= 2`, t, t)
	}
	a, ax := g.block(depth)
	b, bx := g.block(depth)
	g.d.Edges = append(g.d.Edges, Edge{From: id, To: a, Condition: src, Order: 1}, Edge{From: id, To: b, Default: true})
	return id, append(ax, bx...)
}
