package casework

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// SweepActor is who the background sweeps act as in the case's history.
const SweepActor = "system"

// lapseBatch is how many lapsed payment limits one sweep reads at a time.
const lapseBatch = 100

// LapseUnpaid is the payment sweep, run in the background: every
// assessment whose payment limit has passed unpaid lapses, and when the
// item's option says so (seed 001 篇3 §20) the case is refused for it, each
// case in a transaction of its own with its events. It returns how many
// assessments lapsed.
func (c *Casework) LapseUnpaid(ctx context.Context) (int, error) {
	done := 0
	for {
		lapsed, err := c.deadlines.LapsedBefore(ctx, c.db, paymentPrefix, c.now(), lapseBatch)
		if err != nil {
			return done, err
		}
		for _, l := range lapsed {
			n, id, err := parsePaymentClock(l.Owner, l.Purpose)
			if err != nil {
				return done, err
			}
			if err := c.db.Tx(ctx, func(tx *store.Tx) error { return c.lapse(ctx, tx, n, id) }); err != nil {
				return done, err
			}
			done++
		}
		if len(lapsed) < lapseBatch {
			return done, nil
		}
	}
}

// lapse lapses assessment id of case n inside tx, refusing the case when
// the assessment says so and the case is still in handling. Its payment
// clock stops whatever it finds, so the sweep never reads it again.
func (c *Casework) lapse(ctx context.Context, tx *store.Tx, n Number, id int64) error {
	if err := c.deadlines.Stop(ctx, tx, Stream(n), paymentPurpose(id)); err != nil {
		return err
	}
	a, err := scanAssessment(tx.QueryRow(ctx, `SELECT `+assessmentColumns+` FROM fee_assessments WHERE id = ?`, id))
	if err != nil {
		return fmt.Errorf("casework: unable to read assessment %d of %s: %w", id, n, err)
	}
	if a.Status != FeesDue {
		return nil // paid while the sweep was on its way
	}
	now := c.now()
	if _, err := tx.Exec(ctx, `UPDATE fee_assessments SET status = ? WHERE id = ?`, string(FeesLapsed), id); err != nil {
		return fmt.Errorf("casework: unable to lapse assessment %d of %s: %w", id, n, err)
	}
	refused := false
	if a.RefuseUnpaid {
		cs, err := hReadCase(ctx, tx, n)
		if err != nil {
			return err
		}
		if refused = hCanBecome(cs.Status, stRefused); refused {
			if err := c.refuseUnpaid(ctx, tx, n, now); err != nil {
				return err
			}
		}
	}
	return c.appendEvent(ctx, tx, Stream(n), EventFeesLapsed, SweepActor, FeesLapsedPayload{Assessment: id, TotalFen: a.TotalFen, Refused: refused})
}

// refuseUnpaid refuses case n for fees unpaid by their limit (不予许可) and
// stops its limits.
func (c *Casework) refuseUnpaid(ctx context.Context, tx *store.Tx, n Number, at time.Time) error {
	if _, err := hMove(ctx, tx, n, stRefused, at); err != nil {
		return err
	}
	purposes, err := c.limitClocks(ctx, tx, n)
	if err != nil {
		return err
	}
	for _, p := range purposes {
		if err := c.deadlines.Stop(ctx, tx, Stream(n), p); err != nil {
			return err
		}
	}
	return nil
}

// parsePaymentClock reads the case and assessment of a payment clock.
func parsePaymentClock(owner, purpose string) (Number, int64, error) {
	n, ok := strings.CutPrefix(owner, "case:")
	id, err := strconv.ParseInt(strings.TrimPrefix(purpose, paymentPrefix), 10, 64)
	if !ok || err != nil {
		return "", 0, fmt.Errorf("casework: %s %s is not a payment clock of a case", owner, purpose)
	}
	return Number(n), id, nil
}
