package event

import (
	"context"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestProjectAllocatesNothingUnregistered: the projector lookup on the
// append path allocates nothing for an event nobody projects, with no
// registry installed and with one that has projectors for other types.
func TestProjectAllocatesNothingUnregistered(t *testing.T) {
	ctx := context.Background()
	drafts := []Draft{{Stream: "case:A", Type: "task.completed", At: time.Now(), Payload: map[string]any{"n": 1}}}
	evs := []Event{{Stream: "case:A", Seq: 1, Type: "task.completed"}}
	db := storetest.SQLite(t)
	measure := func(when string) {
		err := db.Tx(ctx, func(tx *store.Tx) error {
			allocs := testing.AllocsPerRun(100, func() {
				if err := project(ctx, tx, evs, drafts); err != nil {
					t.Fatal(err)
				}
			})
			if allocs != 0 {
				t.Errorf("%s: %v allocations per append", when, allocs)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	measure("no registry")
	ps := NewProjectors()
	Project(ps, "case.submitted", func(context.Context, *store.Tx, Event, struct{}) error { return nil })
	Install(db, ps)
	measure("a registry for other types")
}
