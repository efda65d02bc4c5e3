package process

import (
	"context"
	"errors"
)

// Joint reports whether the case whose instance is id is handled jointly
// (并联审批): its process has assisting departments beside the lead. The
// law allows such a case a longer limit and a longer extension (Art. 42);
// casework asks through casework.JointBy. A case without a process is not.
func (p *Processes) Joint(ctx context.Context, id string) (bool, error) {
	inst, err := p.Instance(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return len(inst.State.Departments.Assisting) > 0, nil
}
