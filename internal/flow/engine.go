package flow

import (
	"fmt"
	"slices"
)

// enter moves tok onto node id, coming from node from, and runs every automatic step
// that follows until each token rests at a task, a countersign or a waiting join, or the
// case ends.
func (r *run) enter(tok Token, id, from string) error {
	if r.st.Status == StatusEnded {
		return nil
	}
	if r.steps++; r.steps > maxSteps {
		return fmt.Errorf("%w: more than %d automatic steps", ErrBadDefinition, maxSteps)
	}
	n := r.g.node(id)
	if n == nil {
		return fmt.Errorf("%w: no node %q", ErrBadDefinition, id)
	}
	round := r.st.Rounds[id] + 1
	r.st.Rounds[id] = round
	if r.log != nil {
		r.log.Rounds = append(r.log.Rounds, id)
	}
	tok.Node = id
	r.emit(EventTokenMoved, TokenMovedPayload{Token: tok.ID, From: from, To: id, Outcome: tok.Outcome, Round: round})
	if n.MaxRounds > 0 && round > n.MaxRounds {
		r.emit(EventRoundsExceeded, RoundsExceededPayload{Node: id, Round: round, Max: n.MaxRounds})
		r.end(ResultRefused, "rounds_exceeded", id)
		return nil
	}
	switch n.Kind {
	case KindTask:
		r.rest(tok)
		return r.makeTask(n, tok, round)
	case KindCountersign:
		r.rest(tok)
		return r.startCountersign(n, tok, round)
	case KindSplit:
		return r.split(n, tok)
	case KindJoin:
		return r.arrive(n, tok)
	case KindChoice:
		return r.choose(n, tok)
	case KindEnd:
		r.end(n.Result, id, id)
		return nil
	}
	return fmt.Errorf("%w: cannot enter %s node %q", ErrBadDefinition, n.Kind, id)
}

// leave takes tok out of node n by the edge for outcome.
func (r *run) leave(tok Token, n *Node, outcome string) error {
	e := r.g.routeOutcome(n.ID, outcome)
	if e == nil {
		return fmt.Errorf("%w: %q at %q", ErrBadOutcome, outcome, n.ID)
	}
	r.setOutcome(n.ID, outcome)
	r.removeToken(tok.ID)
	tok.Outcome = outcome
	return r.enter(tok, e.To, n.ID)
}

// rest records a token that waits at its node.
func (r *run) rest(tok Token) {
	r.st.Tokens = append(r.st.Tokens, tok)
	if r.log != nil {
		r.log.Tokens = append(r.log.Tokens, tok.ID+"@"+tok.Node)
	}
}

func (r *run) removeToken(id string) {
	if r.log != nil && id == r.log.Token.ID {
		r.log.TokenLeft = true
	}
	if i := r.st.tokenIndex(id); i >= 0 {
		r.st.Tokens = slices.Delete(r.st.Tokens, i, i+1)
	}
}

func (r *run) setOutcome(node, outcome string) {
	if r.log != nil {
		if r.log.Outcomes == nil {
			r.log.Outcomes = map[string]string{}
		}
		if _, kept := r.log.Outcomes[node]; !kept {
			r.log.Outcomes[node] = r.st.Outcomes[node]
		}
	}
	r.st.Outcomes[node] = outcome
}

// split sends one token down every outgoing edge, each on its own branch of a new scope.
func (r *run) split(n *Node, tok Token) error {
	outs := r.g.outOf(n.ID)
	scope := r.nextID("s")
	r.emit(EventSplitStarted, SplitStartedPayload{Node: n.ID, Scope: scope, Branches: len(outs)})
	for i, e := range outs {
		branch := Token{
			ID:      r.nextID("k"),
			Scopes:  append(slices.Clip(tok.Scopes), Scope{ID: scope, Split: n.ID, Branch: i + 1, Branches: len(outs)}),
			Outcome: tok.Outcome,
		}
		if err := r.enter(branch, e.To, n.ID); err != nil {
			return err
		}
	}
	return nil
}

// arrive lets a token wait at a join and fires the join once enough branches of its
// scope have arrived; branches still running are then cancelled.
func (r *run) arrive(n *Node, tok Token) error {
	outs := r.g.outOf(n.ID)
	if len(outs) == 0 {
		return fmt.Errorf("%w: join %q has no outgoing edge", ErrBadDefinition, n.ID)
	}
	if len(tok.Scopes) == 0 { // only a broken definition gets here; pass through
		return r.enter(tok, outs[0].To, n.ID)
	}
	r.rest(tok)
	scope := tok.Scopes[len(tok.Scopes)-1]
	var arrived []string
	for _, t := range r.st.Tokens {
		if t.Node == n.ID && len(t.Scopes) > 0 && t.Scopes[len(t.Scopes)-1].ID == scope.ID {
			arrived = append(arrived, t.ID)
		}
	}
	need := scope.Branches
	if n.waitPolicy() == WaitFirst {
		need = min(max(n.N, 1), scope.Branches)
	}
	if len(arrived) < need {
		return nil
	}
	r.final = true
	for _, id := range arrived {
		r.removeToken(id)
	}
	r.cancelScope(scope.ID, "join "+n.ID+" satisfied", "")
	r.emit(EventJoinFired, JoinFiredPayload{Node: n.ID, Scope: scope.ID, Arrived: len(arrived)})
	merged := Token{ID: r.nextID("k"), Scopes: slices.Clip(tok.Scopes[:len(tok.Scopes)-1]), Outcome: tok.Outcome}
	return r.enter(merged, outs[0].To, n.ID)
}

// cancelScope cancels every token on a branch of scope (except keep) with its tasks.
func (r *run) cancelScope(scope, reason, keep string) {
	kept := r.st.Tokens[:0:0]
	for _, t := range r.st.Tokens {
		i := slices.IndexFunc(t.Scopes, func(s Scope) bool { return s.ID == scope })
		if i < 0 || t.ID == keep {
			kept = append(kept, t)
			continue
		}
		r.final = true
		r.cancelTasksOf(t.ID, reason)
		s := t.Scopes[i]
		r.emit(EventBranchCancelled, BranchCancelledPayload{Scope: s.ID, Split: s.Split, Branch: s.Branch, Token: t.ID, Node: t.Node, Reason: reason})
	}
	r.st.Tokens = kept
}

// cancelTasksOf cancels the open and queued tasks of a token, except keep.
func (r *run) cancelTasksOf(token, reason string, keep ...string) {
	for i := range r.st.Tasks {
		t := &r.st.Tasks[i]
		if t.Token != token || (t.Status != TaskOpen && t.Status != TaskQueued) || slices.Contains(keep, t.ID) {
			continue
		}
		r.cancelTask(t, reason)
	}
}

func (r *run) cancelTask(t *Task, reason string) {
	if t.Status == TaskOpen {
		r.final = true // someone's work is withdrawn: no taking back past this
		r.emit(EventTaskCancelled, TaskCancelledPayload{TaskID: t.ID, Node: t.Node, Reason: reason})
	}
	t.Status = TaskCancelled
}

// choose takes the first edge whose condition holds, in order, else the default.
func (r *run) choose(n *Node, tok Token) error {
	env := condEnv{Form: r.st.Form, Outcome: tok.Outcome, Outcomes: r.st.Outcomes, Rounds: r.st.Rounds}
	conds, def := r.g.choiceOrder(n.ID)
	var failed []string
	for _, e := range conds {
		ok, err := evalCondition(e.Condition, env)
		if err != nil {
			failed = append(failed, firstLine(err.Error()))
			continue
		}
		if ok {
			r.emit(EventChoiceTaken, ChoiceTakenPayload{Node: n.ID, To: e.To, Errors: failed})
			return r.enter(tok, e.To, n.ID)
		}
	}
	if def == nil {
		return fmt.Errorf("%w: choice %q has no default edge", ErrBadDefinition, n.ID)
	}
	r.emit(EventChoiceTaken, ChoiceTakenPayload{Node: n.ID, To: def.To, Default: true, Errors: failed})
	return r.enter(tok, def.To, n.ID)
}

// end ends the case, cancelling everything still open.
func (r *run) end(result, reason, node string) {
	r.final = true
	for i := range r.st.Tasks {
		if t := &r.st.Tasks[i]; t.Status == TaskOpen || t.Status == TaskQueued {
			r.cancelTask(t, "case ended")
		}
	}
	r.st.Tokens = nil
	r.st.Status = StatusEnded
	r.st.EndKind = result
	r.st.EndReason = reason
	r.st.EndedAt = r.now
	r.emit(EventCaseEnded, CaseEndedPayload{Result: result, Node: node, Reason: reason})
}
