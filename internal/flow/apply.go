package flow

import (
	"fmt"
	"strconv"
	"time"
)

// Engine applies commands to cases. Its Directory is read, never written.
type Engine struct {
	Directory Directory
}

// maxSteps bounds the automatic moves (splits, joins, choices) one command may cause;
// Check rules out loops without a task, so only a broken definition reaches it.
const maxSteps = 10000

// Apply applies cmd to a case in state st on definition def at instant now. It returns
// the new state (Version one higher) and the events to append, or st unchanged and an
// error. A command whose RequestID the case has recently seen returns st unchanged with
// no events and no error, so a retried request is harmless.
//
// A node entered more often than its MaxRounds ends the case as refused
// (EndReason "rounds_exceeded"), after a node.rounds_exceeded event: a review that keeps
// failing ends in a refusal rather than an endless loop. A definition that wants another
// route tests rounds["node"] in a choice before the cap is hit.
func (e Engine) Apply(def *Definition, st State, cmd Command, now time.Time) (State, []Event, error) {
	if cmd == nil {
		return st, nil, ErrUnknownCommand
	}
	m := cmd.meta()
	if m.RequestID == "" || m.Actor == "" {
		return st, nil, ErrBadCommand
	}
	if st.seen(m.RequestID) {
		return st, nil, nil
	}
	if def == nil || e.Directory == nil {
		return st, nil, fmt.Errorf("%w: no definition or directory", ErrBadDefinition)
	}
	if err := checkLifecycle(def, &st, cmd); err != nil {
		return st, nil, err
	}
	eff, err := effective(def, st.Inserted)
	if err != nil {
		return st, nil, err
	}
	work := st.clone()
	r := &run{g: newGraph(eff), st: &work, dir: e.Directory, now: now, meta: m}
	if err := r.dispatch(cmd); err != nil {
		return st, nil, err
	}
	work.Version++
	work.remember(m.RequestID)
	r.pruneUndo()
	return work, r.events, nil
}

// checkLifecycle refuses commands that do not fit whether the case has started.
func checkLifecycle(def *Definition, st *State, cmd Command) error {
	if _, ok := cmd.(Start); ok {
		if st.Status != StatusNew {
			return ErrAlreadyStarted
		}
		return nil
	}
	if st.Status == StatusNew {
		return ErrNotStarted
	}
	if st.DefinitionKey != def.Key || st.DefinitionVersion != def.Version {
		return ErrWrongDefinition
	}
	return nil
}

// run is one application of one command.
type run struct {
	g      *graph
	sc     *scopes // computed when first needed
	st     *State
	dir    Directory
	now    time.Time
	meta   Meta
	events []Event
	steps  int

	// While a person's completion is applied, log records how to take it back; any
	// effect on other people's work makes it final.
	log   *UndoLog
	final bool
}

func (r *run) dispatch(cmd Command) error {
	switch c := cmd.(type) {
	case Start:
		return r.start(c)
	case Claim:
		return r.claim(c)
	case Complete:
		return r.complete(c)
	case Return:
		return r.giveBack(c)
	case Transfer:
		return r.transfer(c)
	case AddSigner:
		return r.addSigner(c)
	case TakeBack:
		return r.takeBack(c)
	case Skip:
		return r.skip(c)
	case Jump:
		return r.jump(c)
	case Insert:
		return r.insert(c)
	case Reassign:
		return r.reassign(c)
	case Suspend:
		return r.suspend(c)
	case Resume:
		return r.resume(c)
	case Terminate:
		return r.terminate(c)
	}
	return ErrUnknownCommand
}

func (r *run) emit(typ string, payload any) {
	r.events = append(r.events, Event{Type: typ, Payload: payload})
}

func (r *run) nextID(prefix string) string {
	r.st.Seq++
	return prefix + strconv.Itoa(r.st.Seq)
}

func (r *run) scopes() *scopes {
	if r.sc == nil {
		r.sc = analyseScopes(r.g)
	}
	return r.sc
}

// requireRunning refuses work on an ended or suspended case.
func (r *run) requireRunning() error {
	switch r.st.Status {
	case StatusEnded:
		return ErrCaseEnded
	case StatusSuspended:
		return ErrCaseSuspended
	}
	return nil
}

func needReason(reason string) error {
	if reason == "" {
		return ErrNeedReason
	}
	return nil
}
