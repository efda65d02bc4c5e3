package flow

import (
	"fmt"
	"maps"
	"slices"
)

// start begins a case on a definition that passes Check.
func (r *run) start(c Start) error {
	def := r.g.def
	if err := Validate(def); err != nil {
		return fmt.Errorf("%w: %w", ErrBadDefinition, err)
	}
	st := r.st
	st.Status = StatusRunning
	st.DefinitionKey, st.DefinitionVersion = def.Key, def.Version
	st.StartedAt = r.now
	st.Form = maps.Clone(c.Form)
	st.Departments = c.Departments
	st.Departments.Assisting = slices.Clone(c.Departments.Assisting)
	st.Rounds = map[string]int{}
	st.Outcomes = map[string]string{}
	r.emit(EventCaseStarted, CaseStartedPayload{Definition: def.Key, Version: def.Version, Departments: st.Departments})
	startNode := r.g.nodes[r.g.start]
	return r.enter(Token{ID: r.nextID("k")}, r.g.out[r.g.start][0].To, startNode.ID)
}

func (r *run) suspend(c Suspend) error {
	if err := r.requireRunning(); err != nil {
		return err
	}
	if err := needReason(c.Reason); err != nil {
		return err
	}
	r.st.Status = StatusSuspended
	r.emit(EventCaseSuspended, ReasonPayload{Reason: c.Reason})
	return nil
}

func (r *run) resume(c Resume) error {
	switch r.st.Status {
	case StatusEnded:
		return ErrCaseEnded
	case StatusRunning:
		return ErrNotSuspended
	}
	if err := needReason(c.Reason); err != nil {
		return err
	}
	r.st.Status = StatusRunning
	r.emit(EventCaseResumed, ReasonPayload{Reason: c.Reason})
	return nil
}

// terminate ends a running or suspended case with the given result.
func (r *run) terminate(c Terminate) error {
	if r.st.Status == StatusEnded {
		return ErrCaseEnded
	}
	if err := needReason(c.Reason); err != nil {
		return err
	}
	switch c.Result {
	case ResultApproved, ResultRefused, ResultWithdrawn:
	default:
		return fmt.Errorf("%w: %q", ErrBadResult, c.Result)
	}
	r.end(c.Result, "terminated: "+c.Reason, "")
	return nil
}
