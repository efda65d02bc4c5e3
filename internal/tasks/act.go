package tasks

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// Kind is an action on a task.
type Kind string

// The actions on a task, as the engine supports them.
const (
	Claim     Kind = "claim"     // 签收
	Complete  Kind = "complete"  // 办理完成, with an outcome and an opinion
	Return    Kind = "return"    // 退回 to an earlier step, with a reason
	Transfer  Kind = "transfer"  // 转办 to a colleague
	AddSigner Kind = "addsigner" // 加签: another party to the countersign
	TakeBack  Kind = "takeback"  // 收回 one's own completion
)

// Kinds lists the actions in the order pages offer them.
var Kinds = []Kind{Claim, Complete, Return, Transfer, AddSigner, TakeBack}

// The longest opinion and reason accepted.
const (
	MaxOpinion = 2000
	MaxReason  = 500
)

// Action is one action on one task of a case. RequestID identifies the request: sent
// twice (a double submit, a retried API call), the action happens once.
type Action struct {
	Kind      Kind
	Case      casework.Number
	TaskID    string
	RequestID string
	Outcome   string // complete: approve, reject, or an outcome the step's edges name
	Opinion   string // complete
	ToNode    string // return: the step to go back to ("" for the step's return edge)
	ToUser    string // transfer: the colleague (username)
	Signer    string // add signer: the colleague (username) who signs too
	Reason    string // return (required), transfer
}

// Act does a on behalf of actor. A supervisor is refused (ErrReadOnly), anyone who is
// not department staff, or not the task's holder (or their deputy), gets ErrNotFound;
// a form that is not complete an invalid-field refusal. Nothing is written unless the
// action succeeds.
func (t *Tasks) Act(ctx context.Context, actor org.User, a Action) (flow.State, error) {
	if !actor.Disabled && actor.Role == org.RoleSupervisor {
		return flow.State{}, ErrReadOnly
	}
	if !auth.CanWorkOnTasks(actor) {
		return flow.State{}, ErrNotFound
	}
	cmd, err := command(actor, a)
	if err != nil {
		return flow.State{}, err
	}
	if err := t.checkColleague(ctx, actor, a); err != nil {
		return flow.State{}, err
	}
	st, err := t.procs.Run(ctx, string(a.Case), cmd)
	return st, refusal(err)
}

// checkColleague: a task is transferred only to enabled staff of the actor's own
// department, and a signer added only from department staff (the engine would take
// any enabled user).
func (t *Tasks) checkColleague(ctx context.Context, actor org.User, a Action) error {
	var name, field string
	switch a.Kind {
	case Transfer:
		name, field = a.ToUser, "to_user"
	case AddSigner:
		name, field = a.Signer, "signer"
	default:
		return nil
	}
	u, _, err := t.org.UserWithHash(ctx, name)
	if errors.Is(err, org.ErrNotFound) || err == nil && (u.Disabled || !u.Role.IsStaff() || u.DepartmentID == 0 ||
		a.Kind == Transfer && u.DepartmentID != actor.DepartmentID) {
		return invalid(field, "task.error.user")
	}
	return err
}

// command checks the action's fields and makes the engine's command.
func command(actor org.User, a Action) (flow.Command, error) {
	meta := flow.Meta{RequestID: "task:" + a.RequestID, Actor: actor.Username}
	a.Opinion, a.Reason = strings.TrimSpace(a.Opinion), strings.TrimSpace(a.Reason)
	switch {
	case a.RequestID == "":
		return nil, invalid("request", "task.error.stale_form")
	case a.TaskID == "":
		return nil, ErrNotFound
	case utf8.RuneCountInString(a.Reason) > MaxReason:
		return nil, invalid("reason", "task.error.reason_long")
	}
	switch a.Kind {
	case Claim:
		return flow.Claim{Meta: meta, TaskID: a.TaskID}, nil
	case Complete:
		switch {
		case a.Outcome == "":
			return nil, invalid("outcome", "task.error.outcome")
		case a.Opinion == "":
			return nil, invalid("opinion", "task.error.opinion_required")
		case utf8.RuneCountInString(a.Opinion) > MaxOpinion:
			return nil, invalid("opinion", "task.error.opinion_long")
		}
		return flow.Complete{Meta: meta, TaskID: a.TaskID, Outcome: a.Outcome, Opinion: a.Opinion}, nil
	case Return:
		if a.Reason == "" {
			return nil, invalid("reason", "task.error.reason_required")
		}
		return flow.Return{Meta: meta, TaskID: a.TaskID, ToNode: a.ToNode, Reason: a.Reason}, nil
	case Transfer:
		if a.ToUser == "" || a.ToUser == actor.Username {
			return nil, invalid("to_user", "task.error.user")
		}
		return flow.Transfer{Meta: meta, TaskID: a.TaskID, ToUser: a.ToUser, Reason: a.Reason}, nil
	case AddSigner:
		if a.Signer == "" {
			return nil, invalid("signer", "task.error.user")
		}
		return flow.AddSigner{Meta: meta, TaskID: a.TaskID, Party: flow.Assignee{Kind: flow.AssignUser, User: a.Signer}}, nil
	case TakeBack:
		return flow.TakeBack{Meta: meta, TaskID: a.TaskID}, nil
	}
	return nil, invalid("kind", "task.error.kind")
}

// refusal turns the engine's and the store's refusals into this package's; a failure
// that is nobody's refusal comes back as it was.
func refusal(err error) error {
	var handled *flow.AlreadyHandledError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &handled):
		return ErrHandled
	case errors.Is(err, process.ErrNotFound), errors.Is(err, flow.ErrTaskNotFound), errors.Is(err, flow.ErrNotYourTask),
		errors.Is(err, flow.ErrNotStarted):
		return ErrNotFound
	case errors.Is(err, flow.ErrBadOutcome):
		return invalid("outcome", "task.error.outcome")
	case errors.Is(err, flow.ErrBadTarget):
		return invalid("to_node", "task.error.node")
	case errors.Is(err, flow.ErrBadUser), errors.Is(err, flow.ErrNoAssignee):
		return invalid("to_user", "task.error.user")
	case errors.Is(err, flow.ErrNeedReason):
		return invalid("reason", "task.error.reason_required")
	case errors.Is(err, flow.ErrSamePerson):
		return ErrSamePerson
	case errors.Is(err, flow.ErrCannotTakeBack):
		return ErrTakeBack
	case errors.Is(err, flow.ErrCaseEnded), errors.Is(err, flow.ErrCaseSuspended), errors.Is(err, flow.ErrTaskNotOpen),
		errors.Is(err, flow.ErrNotCountersign):
		return ErrNotNow
	case errors.Is(err, process.ErrConflict):
		return ErrBusy
	}
	return err
}
