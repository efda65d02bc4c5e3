package flow

import (
	"errors"
	"fmt"
	"slices"
)

// ErrSamePerson refuses an action on a step by someone who handled a step it must be
// kept apart from (Node.DistinctFrom): whoever handled a case does not also approve it.
var ErrSamePerson = errors.New("flow: the same person may not act on this step")

// checkDistinct refuses the actor (and the principal they stand in for) every action on
// t — claim, complete, return, transfer, add a signer — when either completed a task at
// a node t's node is kept apart from; the department's administrator reassigns a task
// that has no one else to go to.
func (r *run) checkDistinct(t *Task, principal string) error {
	n := r.g.node(t.Node)
	if n == nil || len(n.DistinctFrom) == 0 {
		return nil
	}
	for _, done := range r.st.Tasks {
		if done.Status != TaskCompleted || done.Outcome == OutcomeSkipped || !slices.Contains(n.DistinctFrom, done.Node) {
			continue
		}
		for _, who := range []string{r.meta.Actor, principal} {
			if who != "" && (who == done.DoneBy || who == done.DoneFor) {
				return fmt.Errorf("%w: %s handled %q", ErrSamePerson, who, done.Node)
			}
		}
	}
	return nil
}

// checkDistinct (of Check): every step a node is kept apart from is a task or a
// countersign of the definition, and not the node itself.
func (c *checker) checkDistinct() {
	for _, n := range c.g.nodes {
		for _, id := range n.DistinctFrom {
			o := c.g.node(id)
			switch {
			case n.Kind != KindTask && n.Kind != KindCountersign:
				c.add(CodeBadNode, n.ID, id, "only a task or countersign is kept apart from other steps, not %s", c.name(n.ID))
			case o == nil || o.Kind != KindTask && o.Kind != KindCountersign || id == n.ID:
				c.add(CodeBadNode, n.ID, id, "step %s is kept apart from %q, which is not another task of the process", c.name(n.ID), id)
			}
		}
	}
}
