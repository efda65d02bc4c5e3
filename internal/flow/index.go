package flow

import "sort"

// graph is a definition indexed for lookups. It tolerates broken definitions (duplicate
// ids keep the first node, edges to unknown nodes are dropped) so that Check and DrawSVG
// can work on anything ParseDefinition accepts.
type graph struct {
	def   *Definition
	nodes []*Node        // in definition order, duplicates removed
	pos   map[string]int // node id → index in nodes
	out   [][]*Edge      // by node index, in definition order
	in    [][]*Edge      // by node index
	succ  [][]int        // by node index, in edge order
	start int            // index of the first start node, -1 if none
}

func newGraph(def *Definition) *graph {
	g := &graph{def: def, pos: make(map[string]int, len(def.Nodes)), start: -1}
	for i := range def.Nodes {
		n := &def.Nodes[i]
		if _, dup := g.pos[n.ID]; dup {
			continue
		}
		g.pos[n.ID] = len(g.nodes)
		g.nodes = append(g.nodes, n)
		if n.Kind == KindStart && g.start < 0 {
			g.start = len(g.nodes) - 1
		}
	}
	g.out = make([][]*Edge, len(g.nodes))
	g.in = make([][]*Edge, len(g.nodes))
	g.succ = make([][]int, len(g.nodes))
	for i := range def.Edges {
		e := &def.Edges[i]
		f, okf := g.pos[e.From]
		t, okt := g.pos[e.To]
		if !okf || !okt {
			continue
		}
		g.out[f] = append(g.out[f], e)
		g.in[t] = append(g.in[t], e)
		g.succ[f] = append(g.succ[f], t)
	}
	return g
}

func (g *graph) node(id string) *Node {
	if i, ok := g.pos[id]; ok {
		return g.nodes[i]
	}
	return nil
}

func (g *graph) outOf(id string) []*Edge {
	if i, ok := g.pos[id]; ok {
		return g.out[i]
	}
	return nil
}

// choiceOrder returns a choice's conditional edges in evaluation order (by Order, then
// as written) and its default edge.
func (g *graph) choiceOrder(id string) (conds []*Edge, def *Edge) {
	for _, e := range g.outOf(id) {
		if e.Default {
			if def == nil {
				def = e
			}
			continue
		}
		conds = append(conds, e)
	}
	sort.SliceStable(conds, func(a, b int) bool { return conds[a].Order < conds[b].Order })
	return conds, def
}

// routeOutcome returns the edge a task or countersign node leaves by for an outcome: the
// edge with that On, else the edge with empty On. A skipped step leaves by a "skipped"
// edge, else as if approved.
func (g *graph) routeOutcome(id, outcome string) *Edge {
	var catchAll, approve *Edge
	for _, e := range g.outOf(id) {
		switch {
		case e.On == outcome:
			return e
		case e.On == "" && catchAll == nil:
			catchAll = e
		case e.On == OutcomeApprove && approve == nil:
			approve = e
		}
	}
	if outcome == OutcomeSkipped && approve != nil {
		return approve
	}
	return catchAll
}

// reachable marks the nodes reachable from index from along edges.
func (g *graph) reachable(from int) []bool {
	seen := make([]bool, len(g.nodes))
	if from < 0 {
		return seen
	}
	stack := []int{from}
	seen[from] = true
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, s := range g.succ[n] {
			if !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return seen
}

// reachesEnd marks the nodes from which some end node is reachable.
func (g *graph) reachesEnd() []bool {
	pred := make([][]int, len(g.nodes))
	for f, ss := range g.succ {
		for _, t := range ss {
			pred[t] = append(pred[t], f)
		}
	}
	seen := make([]bool, len(g.nodes))
	var stack []int
	for i, n := range g.nodes {
		if n.Kind == KindEnd {
			seen[i] = true
			stack = append(stack, i)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range pred[n] {
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	return seen
}
