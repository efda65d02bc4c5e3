package flow

import (
	"fmt"
	"slices"
)

// giveBack is Return (退回): to an earlier step, or along the node's "return" edge.
func (r *run) giveBack(c Return) error {
	t, p, err := r.myTask(c.TaskID)
	if err != nil {
		return err
	}
	n, tok, err := r.taskPlace(t)
	if err != nil {
		return err
	}
	if c.ToNode == "" {
		if e := r.g.routeOutcome(n.ID, OutcomeReturn); e == nil || e.On != OutcomeReturn {
			return fmt.Errorf("%w: step %q has no return edge; name the step to return to", ErrBadTarget, n.ID)
		}
	} else if err := r.checkReturnTarget(n, tok, c.ToNode); err != nil {
		return err
	}
	r.startLog(tok, n)
	r.done(t, p, OutcomeReturn, c.Reason)
	r.emit(EventTaskReturned, TaskActionPayload{TaskID: t.ID, Node: t.Node, By: r.meta.Actor, ActingFor: p, Outcome: OutcomeReturn, ToNode: c.ToNode, Reason: c.Reason})
	id := t.ID
	r.cancelTasksOf(tok.ID, "returned", id)
	if c.ToNode == "" {
		err = r.leave(tok, n, OutcomeReturn)
	} else {
		err = r.moveBack(tok, n, c.ToNode)
	}
	if err != nil {
		return err
	}
	r.keepLog(id, tok)
	return nil
}

// checkReturnTarget allows returning to a task or countersign step this case has been
// through, on the same branch or an enclosing one.
func (r *run) checkReturnTarget(n *Node, tok Token, to string) error {
	target := r.g.node(to)
	if target == nil || !target.Kind.hasTasks() || to == n.ID || r.st.Rounds[to] == 0 {
		return fmt.Errorf("%w: %q is not an earlier step of this case", ErrBadTarget, to)
	}
	if _, ok := r.enclosing(tok, to); !ok {
		return fmt.Errorf("%w: %q lies on another branch", ErrBadTarget, to)
	}
	return nil
}

// enclosing reports whether node to lies on tok's branch or an enclosing one, and how
// many of tok's scopes remain there.
func (r *run) enclosing(tok Token, to string) (int, bool) {
	sc := r.scopes()
	i, ok := r.g.pos[to]
	if !ok || !sc.known[i] {
		return 0, false
	}
	stack := sc.stack[i]
	if len(stack) > len(tok.Scopes) {
		return 0, false
	}
	for k, s := range stack {
		if r.g.nodes[s].ID != tok.Scopes[k].Split {
			return 0, false
		}
	}
	return len(stack), true
}

// moveBack sends tok from n to an earlier node, cancelling the branches it leaves.
func (r *run) moveBack(tok Token, n *Node, to string) error {
	depth, _ := r.enclosing(tok, to)
	for _, s := range tok.Scopes[depth:] {
		r.cancelScope(s.ID, "returned to "+to, tok.ID)
	}
	r.setOutcome(n.ID, OutcomeReturn)
	r.removeToken(tok.ID)
	tok.Scopes = slices.Clip(tok.Scopes[:depth])
	tok.Outcome = OutcomeReturn
	return r.enter(tok, to, n.ID)
}
