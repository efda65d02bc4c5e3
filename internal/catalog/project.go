package catalog

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
)

// An Application is the payload of an event that records an application
// for an item: casework's case.submitted (casework.SubmittedPayload).
// casework imports the catalogue, so the catalogue cannot name that type;
// it says what it needs of it instead.
type Application interface {
	AppliedFor() string // the item's code
}

// ProjectUses registers on ps the projector that counts an item's uses: each
// event of type typ, whose payload P names the item applied for, counts one
// more application in the transaction that records it, so the portal's most
// used items never lag the cases. An application for an item the catalogue
// does not hold fails with ErrNotFound, and so does the application. It is
// registered at start-up as
//
//	catalog.ProjectUses[casework.SubmittedPayload](ps, casework.EventSubmitted)
func ProjectUses[P Application](ps *event.Projectors, typ string) {
	event.Project(ps, typ, func(ctx context.Context, tx *store.Tx, _ event.Event, p P) error {
		return countUse(ctx, tx, p.AppliedFor())
	})
}

func countUse(ctx context.Context, tx *store.Tx, code string) error {
	res, err := tx.Exec(ctx, `UPDATE catalog_items SET uses = uses + 1 WHERE code = ?`, code)
	if err != nil {
		return fmt.Errorf("catalog: unable to count a use of %s: %w", code, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
