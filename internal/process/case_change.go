package process

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
)

// ErrNotACaseChange: ChangeCase takes only the changes an administrator makes to a
// running case; a task's own actions go through the task's rules.
var ErrNotACaseChange = refuse.Conflict("process: not a change an administrator makes to a case", "")

// ErrNotTheActor: a command must name as its actor the user it is made for.
var ErrNotTheActor = errors.New("process: the command names another actor than the user acting")

// ChangeCase makes one change to a running case on behalf of u — skip or insert a step,
// send the case to a step, reassign a task, suspend, resume or terminate it — asking
// auth.CanChangeCase about the case's department (its lead department in joint
// approval), so that a page, the API or a command get the same answer. A case u may not
// change is not found, so its existence is not revealed; nothing is written. cmd must
// name u as its actor. Run's errors come back unchanged.
func (p *Processes) ChangeCase(ctx context.Context, u org.User, instanceID string, cmd flow.Command) (flow.State, error) {
	switch {
	case !isCaseChange(cmd):
		return flow.State{}, ErrNotACaseChange
	case metaOf(cmd).Actor != u.Username:
		return flow.State{}, ErrNotTheActor
	}
	inst, err := loadInstance(ctx, p.db, instanceID)
	if err != nil {
		return flow.State{}, err
	}
	deps := inst.State.Departments
	dept, err := p.org.DepartmentByCode(ctx, cmp.Or(deps.Lead, deps.Item))
	switch {
	case errors.Is(err, org.ErrNotFound):
		return flow.State{}, ErrNotFound
	case err != nil:
		return flow.State{}, fmt.Errorf("process: unable to read the department of %s: %w", instanceID, err)
	case !auth.CanChangeCase(u, dept.ID):
		return flow.State{}, ErrNotFound
	}
	return p.Run(ctx, instanceID, cmd)
}

// isCaseChange reports whether cmd is one of the changes an administrator makes to a
// case.
func isCaseChange(cmd flow.Command) bool {
	switch cmd.(type) {
	case flow.Skip, flow.Jump, flow.Insert, flow.Reassign, flow.Suspend, flow.Resume, flow.Terminate:
		return true
	}
	return false
}
