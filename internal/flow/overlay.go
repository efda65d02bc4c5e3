package flow

import (
	"fmt"
	"slices"
)

// effective is the definition as one case runs it: the published definition with the
// steps Insert added to that case.
func effective(def *Definition, inserted []InsertedNode) (*Definition, error) {
	if len(inserted) == 0 {
		return def, nil
	}
	d := *def
	d.Nodes = slices.Clone(def.Nodes)
	d.Edges = slices.Clone(def.Edges)
	for _, ins := range inserted {
		if err := insertNode(&d, ins.After, ins.Node); err != nil {
			return nil, err
		}
	}
	return &d, nil
}

// insertNode puts n on the edge after leaves by when approved. n gets a copy of every
// edge leaving after, so it routes each outcome as after did; only after's approval now
// leads to n.
func insertNode(d *Definition, after string, n Node) error {
	g := newGraph(d)
	route := g.routeOutcome(after, OutcomeApprove)
	if route == nil {
		return fmt.Errorf("%w: %q has no approve route", ErrBadInsert, after)
	}
	routeIdx := -1
	for i := range d.Edges {
		if &d.Edges[i] == route {
			routeIdx = i
		}
	}
	var copies []Edge
	for _, e := range d.Edges {
		if e.From == after {
			e.From = n.ID
			copies = append(copies, e)
		}
	}
	d.Edges[routeIdx].To = n.ID
	d.Nodes = append(d.Nodes, n)
	d.Edges = append(d.Edges, copies...)
	return nil
}
