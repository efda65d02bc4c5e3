package casework

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// receipt records a case received in a transaction, as its last step
// before commit: the case number, then everything named by it — the case,
// its materials, its acceptance clock and its case.submitted event.
//
// The number of a region and day is gapless, so taking one locks the
// region-day counter until commit (a rollback gives the number back). Taken
// at the start of a submission, the lock was held through every read and
// check that followed, and on PostgreSQL all submissions of a region queued
// behind each other for the whole of one another's transactions. Taken
// here, it is held only for the writes that need the number and the commit;
// the reads, the checks and whatever the caller composed with the
// submission have all run by then.
type receipt struct {
	ctx   context.Context // the request's, which carries its Idempotency-Key
	c     *Casework
	s     submission
	clock workday.Clock
	cs    Case
}

func (r *receipt) BeforeCommit(ctx context.Context, tx *store.Tx) error {
	cs := &r.cs
	number, err := nextNumber(ctx, tx, cs.RegionCode, cs.SubmittedAt.In(workday.DefaultLocation()))
	if err != nil {
		return err
	}
	cs.Number = number
	form, err := sealForm(tx.Keys(), formOfCase, cs.Form)
	if err != nil {
		return err
	}
	var registeredBy any
	if cs.RegisteredBy != 0 {
		registeredBy = cs.RegisteredBy
	}
	if _, err := tx.Exec(ctx, `INSERT INTO cases (number, region_code, department_id, item_code, item_version, item_name,
		applicant_id, channel, registered_by, status, query_code, form, submitted_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(cs.Number), cs.RegionCode, cs.DepartmentID, cs.ItemCode, cs.ItemVersion, cs.ItemName,
		cs.ApplicantID, string(cs.Channel), registeredBy, string(cs.Status), cs.QueryCode, form,
		store.Micros(cs.SubmittedAt), store.Micros(cs.UpdatedAt)); err != nil {
		return fmt.Errorf("casework: unable to record case %s: %w", cs.Number, err)
	}
	store.Created(r.ctx, string(cs.Number)) // for a retry that lost its answer (Idempotency-Key)
	if err := r.c.attach(ctx, tx, r.s, cs.Number); err != nil {
		return err
	}
	due, err := r.c.deadlines.Start(ctx, tx, Stream(cs.Number), "acceptance", r.clock)
	if err != nil {
		return err
	}
	payload, err := submittedPayload(tx.Keys(), *cs, due)
	if err != nil {
		return err
	}
	return r.c.appendEvent(ctx, tx, Stream(cs.Number), EventSubmitted, r.s.actor, payload)
}
