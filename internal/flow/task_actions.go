package flow

import (
	"fmt"
	"slices"
)

// openTask finds a task someone may act on now. A completed task gives
// *AlreadyHandledError, whatever else has happened to the case since.
func (r *run) openTask(id string) (*Task, error) {
	i := r.st.taskIndex(id)
	if i < 0 {
		return nil, ErrTaskNotFound
	}
	t := &r.st.Tasks[i]
	if t.Status == TaskCompleted {
		return nil, &AlreadyHandledError{TaskID: t.ID, By: t.DoneBy, At: t.DoneAt, Outcome: t.Outcome}
	}
	if err := r.requireRunning(); err != nil {
		return nil, err
	}
	if t.Status != TaskOpen {
		return nil, ErrTaskNotOpen
	}
	return t, nil
}

// authorise checks that the actor may act on t — as its holder, or as the deputy of a
// holder — and returns the principal the actor acts for, if any.
func (r *run) authorise(t *Task) (actingFor string, err error) {
	actor := r.meta.Actor
	holder := t.ClaimedBy
	if holder == "" {
		holder = t.Assignee
	}
	var holders []string
	if holder != "" {
		holders = []string{holder}
		if t.ActingFor != "" {
			holders = append(holders, t.ActingFor)
		}
	} else {
		holders = t.Candidates
	}
	switch {
	case actor == holder && t.ActingFor != "":
		return t.ActingFor, nil
	case slices.Contains(holders, actor):
		return "", nil
	}
	if p := r.meta.ActingFor; p != "" && slices.Contains(holders, p) {
		if d, ok := r.dir.DeputyOf(p, r.now); ok && d == actor {
			return p, nil
		}
	}
	if holder != "" && holder != actor {
		return "", fmt.Errorf("%w: it is held by %s", ErrNotYourTask, holder)
	}
	return "", ErrNotYourTask
}

// myTask combines openTask and authorise.
func (r *run) myTask(id string) (*Task, string, error) {
	t, err := r.openTask(id)
	if err != nil {
		return nil, "", err
	}
	p, err := r.authorise(t)
	if err != nil {
		return nil, "", err
	}
	if err := r.checkDistinct(t, p); err != nil {
		return nil, "", err
	}
	return t, p, nil
}

// claim (签收) takes a task: from a role's holders it becomes the claimer's alone, and
// in every case it marks the work as started, so the previous step can no longer be
// taken back.
func (r *run) claim(c Claim) error {
	t, p, err := r.myTask(c.TaskID)
	if err != nil {
		return err
	}
	if t.ClaimedBy == r.meta.Actor {
		return nil
	}
	t.ClaimedBy, t.ActingFor, t.Touched = r.meta.Actor, p, true
	r.emit(EventTaskClaimed, TaskActionPayload{TaskID: t.ID, Node: t.Node, By: r.meta.Actor, ActingFor: p})
	return nil
}

// done marks a task completed by the actor.
func (r *run) done(t *Task, actingFor, outcome, opinion string) {
	t.Status, t.Outcome, t.Opinion = TaskCompleted, outcome, opinion
	t.DoneBy, t.DoneFor, t.DoneAt = r.meta.Actor, actingFor, r.now
}

func (r *run) complete(c Complete) error {
	t, p, err := r.myTask(c.TaskID)
	if err != nil {
		return err
	}
	n, tok, err := r.taskPlace(t)
	if err != nil {
		return err
	}
	if err := checkOutcome(r.g, n, t, c.Outcome); err != nil {
		return err
	}
	r.startLog(tok, n)
	r.done(t, p, c.Outcome, c.Opinion)
	r.emit(EventTaskCompleted, TaskActionPayload{TaskID: t.ID, Node: t.Node, By: r.meta.Actor, ActingFor: p, Outcome: c.Outcome, Opinion: c.Opinion})
	id := t.ID // t points into Tasks, which moving on may grow
	if t.Party != nil {
		err = r.decideCountersign(n, tok, t.Round)
	} else {
		err = r.leave(tok, n, c.Outcome)
	}
	if err != nil {
		return err
	}
	r.keepLog(id, tok)
	return nil
}

// checkOutcome refuses outcomes the node cannot route. Countersign parties approve or
// reject; "skipped" is reserved for Skip.
func checkOutcome(g *graph, n *Node, t *Task, outcome string) error {
	switch {
	case outcome == "" || outcome == OutcomeSkipped:
		return fmt.Errorf("%w: %q", ErrBadOutcome, outcome)
	case t.Party != nil:
		if outcome != OutcomeApprove && outcome != OutcomeReject {
			return fmt.Errorf("%w: a countersign party approves or rejects, not %q", ErrBadOutcome, outcome)
		}
	case g.routeOutcome(n.ID, outcome) == nil:
		return fmt.Errorf("%w: %q at %q", ErrBadOutcome, outcome, n.ID)
	}
	return nil
}

// taskPlace returns the node and token of an open task.
func (r *run) taskPlace(t *Task) (*Node, Token, error) {
	n := r.g.node(t.Node)
	i := r.st.tokenIndex(t.Token)
	if n == nil || i < 0 {
		return nil, Token{}, fmt.Errorf("%w: task %s has lost its place", ErrBadDefinition, t.ID)
	}
	return n, r.st.Tokens[i], nil
}

func (r *run) transfer(c Transfer) error {
	t, _, err := r.myTask(c.TaskID)
	if err != nil {
		return err
	}
	return r.handTo(t, c.ToUser, c.Reason, EventTaskTransferred)
}

// handTo gives an open task to one user (or their deputy).
func (r *run) handTo(t *Task, user, reason, event string) error {
	if user == "" {
		return ErrBadUser
	}
	if _, err := r.dir.Resolve(Assignee{Kind: AssignUser, User: user}, r.resolveContext(t.Node)); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBadUser, user, err)
	}
	from := t.ClaimedBy
	if from == "" {
		from = t.Assignee
	}
	a := assignment{department: t.Department, role: t.Role}
	a.user, a.actingFor = r.withDeputy(user)
	a.apply(t)
	t.Touched = true
	r.emit(event, TaskHandedPayload{TaskID: t.ID, Node: t.Node, By: r.meta.Actor, From: from, To: a.user, ActingFor: a.actingFor, Reason: reason})
	return nil
}

// assigneeProblems validates one assignee as Check would.
func assigneeProblems(g *graph, n *Node, a Assignee) []Problem {
	c := &checker{g: g}
	c.checkAssignee(n, a)
	return c.problems
}
