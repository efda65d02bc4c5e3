package flow

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// startCountersign makes one task per party (会签): all open at once in parallel mode,
// one after another in sequential mode. A role party in department "assisting" stands
// for every assisting department of the case.
func (r *run) startCountersign(n *Node, tok Token, round int) error {
	parties := r.expandParties(n.Parties)
	if len(parties) == 0 {
		return &AssignError{Node: n.ID, Err: errors.New("the countersign has no parties in this case")}
	}
	for i := range parties {
		t := Task{ID: r.nextID("t"), Node: n.ID, Token: tok.ID, Round: round, Status: TaskQueued,
			Party: &parties[i], LimitDays: n.LimitDays, CreatedAt: r.now}
		if n.mode() == ModeParallel || i == 0 {
			if err := r.openParty(&t); err != nil {
				return err
			}
		}
		r.addTask(t)
	}
	return nil
}

func (r *run) expandParties(ps []Assignee) []Assignee {
	var out []Assignee
	for _, p := range ps {
		if p.Kind == AssignRole && p.Department == DeptAssisting {
			for i := range r.st.Departments.Assisting {
				q := p
				q.Department = DeptAssisting + "." + strconv.Itoa(i+1)
				out = append(out, q)
			}
			continue
		}
		out = append(out, p)
	}
	return out
}

// openParty assigns a party's task and opens it.
func (r *run) openParty(t *Task) error {
	a, err := r.assign(t.Node, *t.Party)
	if err != nil {
		return err
	}
	a.apply(t)
	t.Status = TaskOpen
	t.CreatedAt = r.now
	return nil
}

// tally counts a countersign instance: the party tasks of one token's round at a node.
type tally struct {
	parties, approvals, rejections, pending int
	next                                    int // index of the first queued party, -1 if none
	open                                    bool
}

func (r *run) tally(node, token string, round int) tally {
	c := tally{next: -1}
	for i, t := range r.st.Tasks {
		if t.Party == nil || t.Node != node || t.Token != token || t.Round != round || t.Status == TaskTakenBack {
			continue
		}
		c.parties++
		switch {
		case t.Status == TaskCompleted && t.Outcome == OutcomeApprove:
			c.approvals++
		case t.Status == TaskCompleted:
			c.rejections++
		case t.Status == TaskOpen:
			c.pending++
			c.open = true
		case t.Status == TaskQueued:
			c.pending++
			if c.next < 0 {
				c.next = i
			}
		}
	}
	return c
}

// needed is how many approvals complete the countersign.
func needed(n *Node, parties int) int {
	if n.Completion == nil {
		return parties
	}
	switch n.Completion.Rule {
	case RuleAny:
		return 1
	case RuleAtLeast:
		return min(max(n.Completion.N, 1), parties)
	case RuleRatio:
		return max(1, int(math.Ceil(n.Completion.Ratio*float64(parties)-1e-9)))
	}
	return parties
}

// decideCountersign moves the case on once the countersign is decided: approved when
// enough parties approved; rejected as soon as that became impossible (on_reject "fail")
// or once every party has acted (on_reject "continue"). Parties still open are then
// cancelled. Otherwise, in sequential mode, the next party's task opens.
func (r *run) decideCountersign(n *Node, tok Token, round int) error {
	c := r.tally(n.ID, tok.ID, round)
	need := needed(n, c.parties)
	outcome := ""
	switch {
	case c.approvals >= need:
		outcome = OutcomeApprove
	case c.approvals+c.pending < need && (n.onReject() == OnRejectFail || c.pending == 0):
		outcome = OutcomeReject
	}
	if outcome == "" {
		if c.open || c.next < 0 {
			return nil
		}
		t := &r.st.Tasks[c.next]
		if err := r.openParty(t); err != nil {
			return err
		}
		if r.log != nil {
			r.log.Activated = append(r.log.Activated, t.ID)
		}
		r.announce(*t)
		return nil
	}
	r.cancelTasksOf(tok.ID, "countersign decided")
	r.emit(EventCountersignDecided, CountersignDecidedPayload{Node: n.ID, Outcome: outcome,
		Approvals: c.approvals, Rejections: c.rejections, Parties: c.parties})
	return r.leave(tok, n, outcome)
}

// addSigner (加签) adds a party to a running countersign: open at once in parallel mode,
// last in line in sequential mode.
func (r *run) addSigner(c AddSigner) error {
	t, _, err := r.myTask(c.TaskID)
	if err != nil {
		return err
	}
	if t.Party == nil {
		return ErrNotCountersign
	}
	n, tok, err := r.taskPlace(t)
	if err != nil {
		return err
	}
	if problems := assigneeProblems(r.g, n, c.Party); len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrBadUser, problems[0].Message)
	}
	party := c.Party
	nt := Task{ID: r.nextID("t"), Node: n.ID, Token: tok.ID, Round: t.Round, Status: TaskQueued, Party: &party, LimitDays: n.LimitDays, CreatedAt: r.now}
	if n.mode() == ModeParallel {
		if err := r.openParty(&nt); err != nil {
			return err
		}
	}
	r.st.Tasks = append(r.st.Tasks, nt)
	r.emit(EventSignerAdded, SignerAddedPayload{TaskID: nt.ID, Node: n.ID, By: r.meta.Actor, Party: party})
	if nt.Status == TaskOpen {
		r.announce(nt)
	}
	return nil
}
