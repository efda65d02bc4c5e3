package flow

import "sort"

// layout places nodes in layers by their longest path from the start, ignoring edges
// that run back (loops), and orders each layer to follow its predecessors. An edge that
// spans several layers passes through a waypoint of its own in each layer between, a
// place in that layer's order like a node's, so that no box stands in its way.
type layout struct {
	layer []int     // by vertex: the nodes, then the waypoints
	order [][]int   // layer → vertexes, left to right
	back  []bool    // by edge index in g.def.Edges: edge runs back up a loop
	via   [][]int   // by edge index: the waypoints of a long forward edge, top down
	lane  []int     // by edge index: its rank among its source's forward edges
	x, y  []float64 // vertex centres
	w, h  float64
}

const (
	colW    = 180.0
	rowH    = 120.0
	margin  = 40.0
	boxW    = 140.0
	boxH    = 44.0
	legendH = 56.0
)

func newLayout(g *graph) *layout {
	n := len(g.nodes)
	l := &layout{layer: make([]int, n)}
	l.back = backEdges(g)
	l.assignLayers(g)
	pred := l.addWaypoints(g)
	l.orderLayers(pred)
	l.place()
	return l
}

// addWaypoints gives each forward edge that skips layers a waypoint in every layer it
// crosses, numbers each source's forward edges (their lanes), and returns every
// vertex's predecessors one layer up.
func (l *layout) addWaypoints(g *graph) [][]int {
	pred := make([][]int, len(g.nodes))
	l.via = make([][]int, len(g.def.Edges))
	l.lane = make([]int, len(g.def.Edges))
	lanes := make([]int, len(g.nodes))
	for i := range g.def.Edges {
		e := &g.def.Edges[i]
		f, okf := g.pos[e.From]
		t, okt := g.pos[e.To]
		if !okf || !okt || l.back[i] || l.layer[f] >= l.layer[t] {
			continue
		}
		l.lane[i] = lanes[f]
		lanes[f]++
		prev := f
		for k := l.layer[f] + 1; k < l.layer[t]; k++ {
			v := len(l.layer)
			l.layer = append(l.layer, k)
			l.order[k] = append(l.order[k], v)
			pred = append(pred, []int{prev})
			l.via[i] = append(l.via[i], v)
			prev = v
		}
		pred[t] = append(pred[t], prev)
	}
	return pred
}

// backEdges marks edges closing a cycle in a depth-first walk from the start (then from
// any node the start does not reach), in definition order.
func backEdges(g *graph) []bool {
	edgeIdx := make(map[*Edge]int, len(g.def.Edges))
	for i := range g.def.Edges {
		edgeIdx[&g.def.Edges[i]] = i
	}
	back := make([]bool, len(g.def.Edges))
	const (
		white = iota
		grey
		black
	)
	colour := make([]int, len(g.nodes))
	type frame struct{ v, next int }
	walk := func(root int) {
		stack := []frame{{root, 0}}
		colour[root] = grey
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(g.out[f.v]) {
				colour[f.v] = black
				stack = stack[:len(stack)-1]
				continue
			}
			e := g.out[f.v][f.next]
			f.next++
			w := g.pos[e.To]
			switch colour[w] {
			case grey:
				back[edgeIdx[e]] = true
			case white:
				colour[w] = grey
				stack = append(stack, frame{w, 0})
			}
		}
	}
	if g.start >= 0 {
		walk(g.start)
	}
	for v := range g.nodes {
		if colour[v] == white {
			walk(v)
		}
	}
	return back
}

// assignLayers gives each node its longest forward distance from a source (Kahn's order).
func (l *layout) assignLayers(g *graph) {
	n := len(g.nodes)
	indeg := make([]int, n)
	fwd := make([][]int, n)
	for i := range g.def.Edges {
		e := &g.def.Edges[i]
		f, okf := g.pos[e.From]
		t, okt := g.pos[e.To]
		if !okf || !okt || l.back[i] || f == t {
			continue
		}
		fwd[f] = append(fwd[f], t)
		indeg[t]++
	}
	var queue []int
	for v := 0; v < n; v++ {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range fwd[v] {
			l.layer[w] = max(l.layer[w], l.layer[v]+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	top := 0
	for _, ly := range l.layer {
		top = max(top, ly)
	}
	l.order = make([][]int, top+1)
	for v := 0; v < n; v++ {
		l.order[l.layer[v]] = append(l.order[l.layer[v]], v)
	}
}

// orderLayers sorts each layer by the mean position of its predecessors in the layer
// above (one barycentre sweep), keeping definition order on ties.
func (l *layout) orderLayers(pred [][]int) {
	posIn := make([]float64, len(l.layer))
	for _, v := range l.order[0] {
		posIn[v] = float64(len(l.order[0]))
	}
	for k, row := range l.order {
		bary := make(map[int]float64, len(row))
		for i, v := range row {
			bary[v] = float64(i)
			if k == 0 || len(pred[v]) == 0 {
				continue
			}
			sum := 0.0
			for _, p := range pred[v] {
				sum += posIn[p]
			}
			bary[v] = sum / float64(len(pred[v]))
		}
		sort.SliceStable(row, func(a, b int) bool { return bary[row[a]] < bary[row[b]] })
		for i, v := range row {
			posIn[v] = float64(i) - float64(len(row)-1)/2
		}
	}
}

func (l *layout) place() {
	widest := 1
	for _, row := range l.order {
		widest = max(widest, len(row))
	}
	l.w = float64(widest)*colW + 2*margin + colW/2 // room on the right for loop curves
	l.h = float64(len(l.order))*rowH + 2*margin + legendH
	l.x, l.y = make([]float64, len(l.layer)), make([]float64, len(l.layer))
	for k, row := range l.order {
		left := margin + (float64(widest)-float64(len(row)))*colW/2
		for i, v := range row {
			l.x[v] = left + float64(i)*colW + colW/2
			l.y[v] = margin + float64(k)*rowH + boxH/2
		}
	}
}
