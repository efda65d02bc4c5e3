package flow

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// startLog begins recording a person's completion at node n so it can be taken back.
func (r *run) startLog(tok Token, n *Node) {
	r.log = &UndoLog{Token: tok}
	r.log.Token.Node = n.ID
	r.final = false
}

// keepLog stores the record unless the completion touched other people's work.
func (r *run) keepLog(taskID string, tok Token) {
	log := r.log
	r.log = nil
	if r.final || log == nil {
		return
	}
	if r.st.Undo == nil {
		r.st.Undo = map[string]*UndoLog{}
	}
	r.st.Undo[taskID] = log
}

// undoable reports whether nothing the completion started has been claimed, acted on,
// moved or cancelled since.
func (s *State) undoable(log *UndoLog) bool {
	for _, ref := range log.Tokens {
		id, node, _ := strings.Cut(ref, "@")
		if i := s.tokenIndex(id); i < 0 || s.Tokens[i].Node != node {
			return false
		}
	}
	if !log.TokenLeft {
		if i := s.tokenIndex(log.Token.ID); i < 0 || s.Tokens[i].Node != log.Token.Node {
			return false
		}
	}
	for _, id := range slices.Concat(log.Tasks, log.Activated) {
		i := s.taskIndex(id)
		if i < 0 {
			return false
		}
		t := s.Tasks[i]
		if t.Touched || (t.Status != TaskOpen && t.Status != TaskQueued) {
			return false
		}
	}
	for _, id := range log.Activated {
		if t, _ := s.Task(id); t.Status != TaskOpen {
			return false
		}
	}
	return true
}

// pruneUndo forgets records that can no longer be used, keeping State small.
func (r *run) pruneUndo() {
	for id, log := range r.st.Undo {
		if t, ok := r.st.Task(id); !ok || t.Status != TaskCompleted || !r.st.undoable(log) {
			delete(r.st.Undo, id)
		}
	}
	if len(r.st.Undo) == 0 {
		r.st.Undo = nil
	}
}

// takeBack (撤回) reverses the actor's completion: what it started is withdrawn and the
// actor gets the task back as a new task.
func (r *run) takeBack(c TakeBack) error {
	i := r.st.taskIndex(c.TaskID)
	if i < 0 {
		return ErrTaskNotFound
	}
	if err := r.requireRunning(); err != nil {
		return err
	}
	old := r.st.Tasks[i]
	if old.Status != TaskCompleted {
		return fmt.Errorf("%w: the task is not completed", ErrCannotTakeBack)
	}
	if r.meta.Actor != old.DoneBy && r.meta.Actor != old.DoneFor {
		return ErrNotYourTask
	}
	log := r.st.Undo[old.ID]
	if log == nil || !r.st.undoable(log) {
		return ErrCannotTakeBack
	}
	r.revert(log)
	r.st.Tasks[i].Status = TaskTakenBack
	fresh := old
	fresh.ID = r.nextID("t")
	fresh.Status, fresh.Outcome, fresh.Opinion = TaskOpen, "", ""
	fresh.DoneBy, fresh.DoneFor, fresh.DoneAt = "", "", time.Time{}
	fresh.CreatedAt, fresh.Touched = r.now, false
	if fresh.Assignee == "" {
		fresh.ClaimedBy = old.DoneBy // back with the person who took it back
	}
	r.st.Tasks = append(r.st.Tasks, fresh)
	delete(r.st.Undo, old.ID)
	r.emit(EventTaskTakenBack, TaskTakenBackPayload{TaskID: old.ID, Node: old.Node, By: r.meta.Actor, NewTaskID: fresh.ID})
	r.announce(fresh)
	return nil
}

// revert undoes what a completion started.
func (r *run) revert(log *UndoLog) {
	for _, ref := range log.Tokens {
		id, _, _ := strings.Cut(ref, "@")
		r.removeToken(id)
	}
	for _, id := range log.Tasks {
		if j := r.st.taskIndex(id); j >= 0 {
			r.cancelTask(&r.st.Tasks[j], "taken back")
		}
	}
	for _, id := range log.Activated {
		if j := r.st.taskIndex(id); j >= 0 {
			t := &r.st.Tasks[j]
			r.emit(EventTaskCancelled, TaskCancelledPayload{TaskID: t.ID, Node: t.Node, Reason: "taken back"})
			assignment{}.apply(t)
			t.Status = TaskQueued
		}
	}
	for _, node := range log.Rounds {
		if r.st.Rounds[node]--; r.st.Rounds[node] <= 0 {
			delete(r.st.Rounds, node)
		}
	}
	for node, prev := range log.Outcomes {
		if prev == "" {
			delete(r.st.Outcomes, node)
		} else {
			r.st.Outcomes[node] = prev
		}
	}
	if log.TokenLeft {
		r.st.Tokens = append(r.st.Tokens, log.Token)
	}
}
