package deadline_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/workday"
)

// TestMovedOwnersKeptApart: an edit that moves more owners than one insert
// holds keeps every one, in order, apart from its event, which carries only
// their count and digest; MovedOwners reads them back, refuses them once a
// row is rewritten or deleted, and still reads an event written when the
// owners were listed in it.
func TestMovedOwnersKeptApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		b, err := deadline.Open(ctx, db, orgtest.Clock)
		if err != nil {
			t.Fatal(err)
		}
		const n = 2503 // three statements' worth, the last one short
		var want []string
		for i := 0; i < n; i++ {
			owner := fmt.Sprintf("case:%05d", i)
			start(t, db, b, owner, workday.ClockFromDays(deadline.National, at("2026-09-14 10:00"), 10))
			want = append(want, owner)
		}
		moved, err := b.SetDay(ctx, "admin", deadline.National, date("2026-09-16"), deadline.DayOff, "")
		if err != nil {
			t.Fatal(err)
		}
		if moved.Clocks != n || len(moved.Owners) != n {
			t.Fatalf("moved %d clocks of %d owners, want %d", moved.Clocks, len(moved.Owners), n)
		}
		evs, err := event.Stream(ctx, db, deadline.CalendarStream(deadline.National))
		if err != nil || len(evs) != 1 {
			t.Fatalf("events %+v %v", evs, err)
		}
		e := evs[0]
		if len(e.Payload) > 300 {
			t.Fatalf("the event carries the owners: %d bytes", len(e.Payload))
		}
		got, err := b.MovedOwners(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, moved.Owners) || !slices.Equal(slices.Sorted(slices.Values(got)), want) {
			t.Fatalf("owners read back differ from those moved (%d, %d)", len(got), len(moved.Owners))
		}

		if _, err := db.Exec(ctx, `UPDATE calendar_moved_owners SET owner = 'case:forged' WHERE stream = ? AND seq = ? AND n = 7`, e.Stream, e.Seq); err != nil {
			t.Fatal(err)
		}
		if _, err := b.MovedOwners(ctx, e); !errors.Is(err, deadline.ErrOwnersAltered) {
			t.Fatalf("a rewritten owner: %v, want ErrOwnersAltered", err)
		}
		if _, err := db.Exec(ctx, `UPDATE calendar_moved_owners SET owner = ? WHERE stream = ? AND seq = ? AND n = 7`, got[7], e.Stream, e.Seq); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `DELETE FROM calendar_moved_owners WHERE stream = ? AND seq = ? AND n = ?`, e.Stream, e.Seq, n-1); err != nil {
			t.Fatal(err)
		}
		if _, err := b.MovedOwners(ctx, e); !errors.Is(err, deadline.ErrOwnersAltered) {
			t.Fatalf("a deleted owner: %v, want ErrOwnersAltered", err)
		}

		legacy := event.Event{Stream: e.Stream, Seq: e.Seq, Type: deadline.EventCalendarChanged,
			Payload: []byte(`{"calendars":["cn"],"moved_clocks":2,"moved_owners":["case:A","case:B"]}`)}
		if got, err := b.MovedOwners(ctx, legacy); err != nil || !slices.Equal(got, []string{"case:A", "case:B"}) {
			t.Fatalf("an event that lists its owners: %v, %v", got, err)
		}
	})
}
