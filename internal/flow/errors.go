package flow

import (
	"errors"
	"fmt"
	"time"
)

// Errors returned by Apply. Callers test them with errors.Is; web maps them to statuses.
var (
	ErrBadCommand      = errors.New("flow: command needs a request id and an actor")
	ErrUnknownCommand  = errors.New("flow: unknown command")
	ErrNeedReason      = errors.New("flow: this change needs a reason")
	ErrNotStarted      = errors.New("flow: the case has not started")
	ErrAlreadyStarted  = errors.New("flow: the case has already started")
	ErrWrongDefinition = errors.New("flow: the case runs on another definition or version")
	ErrBadDefinition   = errors.New("flow: the definition cannot run this case")
	ErrCaseEnded       = errors.New("flow: the case has ended")
	ErrCaseSuspended   = errors.New("flow: the case is suspended")
	ErrNotSuspended    = errors.New("flow: the case is not suspended")
	ErrTaskNotFound    = errors.New("flow: no such task")
	ErrTaskNotOpen     = errors.New("flow: the task is not open")
	ErrNotYourTask     = errors.New("flow: the task is not yours")
	ErrBadOutcome      = errors.New("flow: the step has no such outcome")
	ErrBadTarget       = errors.New("flow: the case cannot be sent to that step")
	ErrBadUser         = errors.New("flow: no such user")
	ErrNoAssignee      = errors.New("flow: nobody can be assigned to the step")
	ErrCannotTakeBack  = errors.New("flow: the action can no longer be taken back")
	ErrNotCountersign  = errors.New("flow: the task is not part of a countersign")
	ErrBadInsert       = errors.New("flow: the step cannot be inserted")
	ErrBadResult       = errors.New("flow: unknown result")
)

// AlreadyHandledError is returned for an action on a task someone has already completed;
// the caller shows "already handled by By at At".
type AlreadyHandledError struct {
	TaskID  string
	By      string
	At      time.Time
	Outcome string
}

func (e *AlreadyHandledError) Error() string {
	return fmt.Sprintf("flow: task %s was already handled by %s at %s", e.TaskID, e.By, e.At.Format(time.RFC3339))
}

// AssignError says which step could not be given to anyone, and why. It matches
// ErrNoAssignee and whatever the Directory returned.
type AssignError struct {
	Node string
	Err  error
}

func (e *AssignError) Error() string {
	return fmt.Sprintf("flow: cannot assign step %q: %v", e.Node, e.Err)
}

func (e *AssignError) Unwrap() []error { return []error{ErrNoAssignee, e.Err} }
