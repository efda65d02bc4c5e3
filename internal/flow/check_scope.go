package flow

import "slices"

// scopes is the nesting of parallel regions: for every node, the stack of splits whose
// branches it lies on (outermost first), and for every join the split it closes.
//
// A definition is well nested when every node is reached with one and the same stack.
// A node reached both from inside a split's branches and from outside them means a branch
// can bypass the split's join (or a join is fed from outside its split), which is how a
// join comes to wait forever. End nodes are exempt: reaching one ends the whole case.
type scopes struct {
	stack    [][]int // by node index; nil for the main line
	known    []bool
	match    []int // join → its split, -1 when unmatched
	conflict []scopeConflict
	orphans  []int // joins reached outside any split
}

type scopeConflict struct{ node, split int }

func analyseScopes(g *graph) *scopes {
	n := len(g.nodes)
	sc := &scopes{stack: make([][]int, n), known: make([]bool, n), match: make([]int, n)}
	for i := range sc.match {
		sc.match[i] = -1
	}
	if g.start < 0 {
		return sc
	}
	reported := make([]bool, n)
	sc.known[g.start] = true
	queue := []int{g.start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		out := sc.stack[v]
		switch g.nodes[v].Kind {
		case KindSplit:
			out = append(slices.Clip(out), v)
		case KindJoin:
			if len(out) == 0 {
				sc.orphans = append(sc.orphans, v)
				break
			}
			sc.match[v] = out[len(out)-1]
			out = out[: len(out)-1 : len(out)-1]
		}
		for _, w := range g.succ[v] {
			if !sc.known[w] {
				sc.known[w] = true
				sc.stack[w] = out
				if g.nodes[w].Kind != KindEnd {
					queue = append(queue, w)
				}
				continue
			}
			if g.nodes[w].Kind == KindEnd || slices.Equal(sc.stack[w], out) || reported[w] {
				continue
			}
			reported[w] = true
			sc.conflict = append(sc.conflict, scopeConflict{node: w, split: divergentSplit(sc.stack[w], out)})
		}
	}
	return sc
}

// divergentSplit names the innermost-first split in which two stacks start to differ.
func divergentSplit(a, b []int) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i < len(b) {
		return b[i]
	}
	return a[i]
}

func (c *checker) checkScopes() {
	g := c.g
	sc := analyseScopes(g)
	for _, cf := range sc.conflict {
		node, split := g.nodes[cf.node].ID, g.nodes[cf.split].ID
		c.add(CodeJoinMayWaitForever, node, split, "node %s can be reached both from inside the branches of split %s and from outside them, so a branch can bypass the join and the join may wait forever", c.name(node), c.name(split))
	}
	for _, j := range sc.orphans {
		id := g.nodes[j].ID
		c.add(CodeJoinMayWaitForever, id, "", "join %s can be reached without passing a split, so it may wait forever", c.name(id))
	}
	closer := make(map[int]int) // split → the first join that closes it
	for j, s := range sc.match {
		if s < 0 {
			continue
		}
		join := g.nodes[j]
		if first, ok := closer[s]; ok {
			c.add(CodeJoinMayWaitForever, join.ID, g.nodes[s].ID, "the branches of split %s meet at two joins, %s and %s, so each may wait forever for branches that went to the other", c.name(g.nodes[s].ID), c.name(g.nodes[first].ID), c.name(join.ID))
			continue
		}
		closer[s] = j
		if join.waitPolicy() != WaitFirst {
			continue
		}
		if branches := len(g.out[s]); join.N > branches {
			c.add(CodeJoinMayWaitForever, join.ID, g.nodes[s].ID, "join %s waits for the first %d branches but split %s has only %d", c.name(join.ID), join.N, c.name(g.nodes[s].ID), branches)
		}
	}
}
