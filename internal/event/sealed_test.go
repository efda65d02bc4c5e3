package event_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestSealedAppend: events sealed onto a head read before the transaction land when the
// stream is still there, and are refused with ErrStale, writing nothing, when another
// append came first — on a new stream as on an old one.
func TestSealedAppend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
		drafts := func(types ...string) []event.Draft {
			var out []event.Draft
			for _, typ := range types {
				out = append(out, event.Draft{Stream: "case:S", Type: typ, Actor: "handler1", At: at, Payload: map[string]any{"step": "承办"}})
			}
			return out
		}
		appendSealed := func(s event.Sealed) error {
			return db.Tx(ctx, func(tx *store.Tx) error { return s.Append(ctx, tx) })
		}
		count := func() int {
			var n int
			if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE stream = 'case:S'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}

		empty, err := event.ReadHead(ctx, db, "case:S")
		if err != nil || empty.Seq != 0 || empty.Hash != "" {
			t.Fatalf("head of a new stream: %+v, %v", empty, err)
		}
		first, err := event.Seal(empty, drafts("task.completed", "task.created"))
		if err != nil {
			t.Fatal(err)
		}
		rival, err := event.Seal(empty, drafts("case.noted"))
		if err != nil {
			t.Fatal(err)
		}
		if err := appendSealed(first); err != nil {
			t.Fatal(err)
		}
		if err := appendSealed(rival); !errors.Is(err, event.ErrStale) {
			t.Fatalf("a second opening of the stream: %v, want ErrStale", err)
		}
		if n := count(); n != 2 {
			t.Fatalf("%d events, want 2", n)
		}

		head, err := event.ReadHead(ctx, db, "case:S")
		if err != nil || head.Seq != 2 || head.Hash != first.Events()[1].Hash {
			t.Fatalf("head after two events: %+v, %v", head, err)
		}
		next, _ := event.Seal(head, drafts("task.completed"))
		late, _ := event.Seal(head, drafts("case.noted"))
		if err := appendSealed(next); err != nil {
			t.Fatal(err)
		}
		if err := appendSealed(late); !errors.Is(err, event.ErrStale) {
			t.Fatalf("an append on a moved stream: %v, want ErrStale", err)
		}
		// An ordinary append follows on.
		appendN(t, db, "case:S", 1)
		evs, err := event.Stream(ctx, db, "case:S")
		if err != nil || len(evs) != 4 || evs[2].Type != "task.completed" || evs[3].Type != "case.noted" {
			t.Fatalf("stream: %+v, %v", evs, err)
		}
		r, err := event.Verify(ctx, db)
		if err != nil || len(r.Problems) != 0 {
			t.Fatalf("verify: %+v, %v", r, err)
		}
		if _, err := event.Seal(head, []event.Draft{{Stream: "case:T", Type: "x", At: at}}); err == nil {
			t.Fatal("events of another stream were sealed onto case:S")
		}
	})
}
