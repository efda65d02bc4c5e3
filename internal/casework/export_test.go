package casework

import (
	"context"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// AcceptForTest stands in for lifecycle's acceptance until it lands: case
// n becomes accepted now, its acceptance limit stops, and its statutory and
// promised limits start on the case's calendar.
func (c *Casework) AcceptForTest(ctx context.Context, n Number, statutory, promised int) error {
	return c.db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE cases SET status = ? WHERE number = ?`, string(Accepted), string(n)); err != nil {
			return err
		}
		cal, err := c.caseCalendar(ctx, tx, n)
		if err != nil {
			return err
		}
		if err := c.deadlines.Stop(ctx, tx, Stream(n), acceptancePurpose); err != nil {
			return err
		}
		if _, err := c.deadlines.Start(ctx, tx, Stream(n), "statutory", workday.ClockFromDays(cal, c.now(), statutory)); err != nil {
			return err
		}
		_, err = c.deadlines.Start(ctx, tx, Stream(n), "promised", workday.ClockFromDays(cal, c.now(), promised))
		return err
	})
}
