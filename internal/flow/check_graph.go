package flow

import "slices"

func (c *checker) checkReachability() {
	g := c.g
	from := g.reachable(g.start)
	toEnd := g.reachesEnd()
	for i, n := range g.nodes {
		switch {
		case !from[i]:
			c.add(CodeUnreachable, n.ID, "", "node %s cannot be reached from the start", c.name(n.ID))
		case !toEnd[i]:
			c.add(CodeNoPathToEnd, n.ID, "", "no end can be reached from node %s", c.name(n.ID))
		}
	}
}

// checkAutomaticLoops finds cycles made only of splits, joins and choices: nobody would
// act inside them, so a case entering one would loop without end.
func (c *checker) checkAutomaticLoops() {
	g := c.g
	auto := func(i int) bool { k := g.nodes[i].Kind; return !k.hasTasks() }
	for _, comp := range stronglyConnected(g, auto) {
		if len(comp) == 1 && !selfLoop(g, comp[0]) {
			continue
		}
		first, other := g.nodes[comp[0]].ID, g.nodes[comp[0]].ID
		if len(comp) > 1 {
			other = g.nodes[comp[1]].ID
		}
		c.add(CodeLoopWithoutTask, first, other, "node %s is on a loop with no task or countersign, which would run forever", c.name(first))
	}
}

func selfLoop(g *graph, i int) bool {
	for _, s := range g.succ[i] {
		if s == i {
			return true
		}
	}
	return false
}

// stronglyConnected returns the strongly connected components of the subgraph of nodes
// kept by keep (Tarjan's algorithm), each sorted by definition order.
func stronglyConnected(g *graph, keep func(int) bool) [][]int {
	n := len(g.nodes)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	var comps [][]int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range g.succ[v] {
			if !keep(w) {
				continue
			}
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] != index[v] {
			return
		}
		var comp []int
		for {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[w] = false
			comp = append(comp, w)
			if w == v {
				break
			}
		}
		slices.Sort(comp)
		comps = append(comps, comp)
	}
	for v := 0; v < n; v++ {
		if keep(v) && index[v] < 0 {
			visit(v)
		}
	}
	return comps
}

// checkSameAs requires the node named by a same_as assignee to lie on every path from
// the start to the node that uses it, so that its handler is known when the task is made.
func (c *checker) checkSameAs() {
	var idom []int
	for _, n := range c.g.nodes {
		var refs []string
		if n.Kind == KindTask && n.Assignee != nil && n.Assignee.Kind == AssignSameAs {
			refs = append(refs, n.Assignee.Node)
		}
		if n.Kind == KindCountersign {
			for _, p := range n.Parties {
				if p.Kind == AssignSameAs {
					refs = append(refs, p.Node)
				}
			}
		}
		for _, ref := range refs {
			r, ok := c.g.pos[ref]
			if !ok || ref == n.ID {
				continue // reported by checkAssignee
			}
			if idom == nil {
				idom = dominators(c.g)
			}
			if !dominates(idom, r, c.g.pos[n.ID]) {
				c.add(CodeBadAssignee, n.ID, ref, "node %s is assigned to the handler of %s, but a case can reach %s without passing %s", c.name(n.ID), c.name(ref), c.name(n.ID), c.name(ref))
			}
		}
	}
}

// dominators computes immediate dominators from the start (Cooper, Harvey and Kennedy's
// iterative algorithm); unreachable nodes get -1.
func dominators(g *graph) []int {
	n := len(g.nodes)
	order := make([]int, 0, n) // reverse postorder
	num := make([]int, n)      // position in order
	seen := make([]bool, n)
	var dfs func(v int)
	dfs = func(v int) {
		seen[v] = true
		for _, w := range g.succ[v] {
			if !seen[w] {
				dfs(w)
			}
		}
		order = append(order, v)
	}
	dfs(g.start)
	for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
		order[i], order[j] = order[j], order[i]
	}
	for i, v := range order {
		num[v] = i
	}
	pred := make([][]int, n)
	for f, ss := range g.succ {
		for _, t := range ss {
			pred[t] = append(pred[t], f)
		}
	}
	idom := make([]int, n)
	for i := range idom {
		idom[i] = -1
	}
	idom[g.start] = g.start
	intersect := func(a, b int) int {
		for a != b {
			for num[a] > num[b] {
				a = idom[a]
			}
			for num[b] > num[a] {
				b = idom[b]
			}
		}
		return a
	}
	for changed := true; changed; {
		changed = false
		for _, v := range order[1:] {
			nd := -1
			for _, p := range pred[v] {
				if idom[p] < 0 {
					continue
				}
				if nd < 0 {
					nd = p
				} else {
					nd = intersect(p, nd)
				}
			}
			if nd >= 0 && idom[v] != nd {
				idom[v] = nd
				changed = true
			}
		}
	}
	return idom
}

func dominates(idom []int, a, b int) bool {
	if idom[b] < 0 {
		return false
	}
	for {
		if b == a {
			return true
		}
		if idom[b] == b {
			return false
		}
		b = idom[b]
	}
}
