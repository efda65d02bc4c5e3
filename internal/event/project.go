package event

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

// Projectors is a registry of projectors: functions that keep a table
// derived from events (an item's use count, later supervision's
// aggregates) up to date inside the transaction that appends each event,
// so the table is never behind the log and a projector's error fails the
// append, and with it the whole state change.
//
// A registry is a value, built at start-up (cmd/shenpi, and each test that
// wants projections) from what every package registers on it, then
// installed on the database with Install. It is held by the database, not
// passed to each domain value nor kept in a package variable: a projection
// must follow every append on its database, and a domain value built
// without the registry (a second catalogue for an import, the demo loader)
// would otherwise skip it silently; a package variable would instead make
// every database in a test binary share one registry. Install is the one
// place that decides which projections a database keeps.
type Projectors struct {
	byType map[string][]projector
}

// projector is a registered function; value is the draft's payload as the
// appender passed it (see Project).
type projector func(ctx context.Context, tx *store.Tx, e Event, value any) error

// NewProjectors returns an empty registry.
func NewProjectors() *Projectors { return &Projectors{byType: map[string][]projector{}} }

// Project registers fn to run for every event of type typ, after the event
// is written, in the same transaction, with its payload decoded as P. Events
// of one type run their projectors in registration order.
//
// The payload the appender passed is used as it is when it is a P (or *P),
// which spares the append path a decoding; otherwise the stored JSON is
// decoded, so a projector sees the same value either way.
func Project[P any](ps *Projectors, typ string, fn func(ctx context.Context, tx *store.Tx, e Event, p P) error) {
	ps.byType[typ] = append(ps.byType[typ], func(ctx context.Context, tx *store.Tx, e Event, value any) error {
		switch v := value.(type) {
		case P:
			return fn(ctx, tx, e, v)
		case *P:
			if v != nil {
				return fn(ctx, tx, e, *v)
			}
		}
		p, err := Decode[P](e)
		if err != nil {
			return err
		}
		return fn(ctx, tx, e, p)
	})
}

// Install makes db run ps on every append: a database has one registry.
func Install(db *store.DB, ps *Projectors) { db.Attach(ps) }

// project runs the projectors registered for evs, the events written from
// drafts. It costs one map lookup per event when nothing is registered for
// its type, and allocates nothing.
func project(ctx context.Context, tx *store.Tx, evs []Event, drafts []Draft) error {
	ps, _ := tx.Attached().(*Projectors)
	if ps == nil || len(ps.byType) == 0 {
		return nil
	}
	for i, e := range evs {
		for _, fn := range ps.byType[e.Type] {
			if err := fn(ctx, tx, e, drafts[i].Payload); err != nil {
				return fmt.Errorf("event: unable to project %s %d (%s): %w", e.Stream, e.Seq, e.Type, err)
			}
		}
	}
	return nil
}
