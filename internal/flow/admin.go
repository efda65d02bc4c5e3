package flow

import (
	"fmt"
	"slices"
)

// skip completes the open work at a node with outcome "skipped" and moves on as if it
// had been approved (or along a "skipped" edge, when the node has one).
func (r *run) skip(c Skip) error {
	if err := r.requireRunning(); err != nil {
		return err
	}
	if err := needReason(c.Reason); err != nil {
		return err
	}
	n := r.g.node(c.NodeID)
	var here []Token
	for _, t := range r.st.Tokens {
		if t.Node == c.NodeID {
			here = append(here, t)
		}
	}
	if n == nil || !n.Kind.hasTasks() || len(here) == 0 {
		return fmt.Errorf("%w: no open step at %q", ErrBadTarget, c.NodeID)
	}
	for _, tok := range here {
		if r.st.Status == StatusEnded || r.st.tokenIndex(tok.ID) < 0 {
			break
		}
		for i := range r.st.Tasks {
			t := &r.st.Tasks[i]
			if t.Token != tok.ID || t.Status != TaskOpen {
				continue
			}
			r.done(t, "", OutcomeSkipped, c.Reason)
			r.emit(EventTaskSkipped, TaskActionPayload{TaskID: t.ID, Node: t.Node, By: r.meta.Actor, Outcome: OutcomeSkipped, Reason: c.Reason})
		}
		r.cancelTasksOf(tok.ID, "step skipped")
		if err := r.leave(tok, n, OutcomeSkipped); err != nil {
			return err
		}
	}
	return nil
}

// jump moves the case to a node outside every parallel region, cancelling all open work.
func (r *run) jump(c Jump) error {
	if err := r.requireRunning(); err != nil {
		return err
	}
	if err := needReason(c.Reason); err != nil {
		return err
	}
	i, ok := r.g.pos[c.ToNode]
	sc := r.scopes()
	if !ok || r.g.nodes[i].Kind == KindStart || !sc.known[i] || len(sc.stack[i]) > 0 {
		return fmt.Errorf("%w: cannot jump to %q", ErrBadTarget, c.ToNode)
	}
	for j := range r.st.Tasks {
		if t := &r.st.Tasks[j]; t.Status == TaskOpen || t.Status == TaskQueued {
			r.cancelTask(t, "jump to "+c.ToNode)
		}
	}
	r.st.Tokens = nil
	r.emit(EventCaseJumped, CaseJumpedPayload{To: c.ToNode, Reason: c.Reason})
	return r.enter(Token{ID: r.nextID("k")}, c.ToNode, "")
}

// insert adds a step to this case only; the definition is untouched.
func (r *run) insert(c Insert) error {
	if r.st.Status == StatusEnded {
		return ErrCaseEnded
	}
	if err := needReason(c.Reason); err != nil {
		return err
	}
	if !c.Node.Kind.hasTasks() {
		return fmt.Errorf("%w: only a task or countersign step can be inserted", ErrBadInsert)
	}
	after := r.g.node(c.After)
	if after == nil || !after.Kind.hasTasks() {
		return fmt.Errorf("%w: %q is not a task or countersign step", ErrBadInsert, c.After)
	}
	ins := InsertedNode{After: c.After, Node: c.Node, Reason: c.Reason}
	eff, err := effective(r.g.def, []InsertedNode{ins})
	if err != nil {
		return err
	}
	if err := Validate(eff); err != nil {
		return fmt.Errorf("%w: %w", ErrBadInsert, err)
	}
	r.st.Inserted = append(slices.Clip(r.st.Inserted), ins)
	r.g, r.sc = newGraph(eff), nil
	r.emit(EventStepInserted, StepInsertedPayload{After: c.After, Node: c.Node, Reason: c.Reason})
	return nil
}

func (r *run) reassign(c Reassign) error {
	if r.st.Status == StatusEnded {
		return ErrCaseEnded
	}
	if err := needReason(c.Reason); err != nil {
		return err
	}
	i := r.st.taskIndex(c.TaskID)
	if i < 0 {
		return ErrTaskNotFound
	}
	t := &r.st.Tasks[i]
	if t.Status == TaskCompleted {
		return &AlreadyHandledError{TaskID: t.ID, By: t.DoneBy, At: t.DoneAt, Outcome: t.Outcome}
	}
	if t.Status != TaskOpen {
		return ErrTaskNotOpen
	}
	return r.handTo(t, c.ToUser, c.Reason, EventTaskReassigned)
}
