package event_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

func appendN(t *testing.T, db *store.DB, stream string, n int) {
	t.Helper()
	at := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		err := db.Tx(context.Background(), func(tx *store.Tx) error {
			_, err := event.Append(context.Background(), tx, event.Draft{
				Stream: stream, Type: "case.noted", Actor: "clerk1", At: at.Add(time.Duration(i) * time.Minute),
				Payload: map[string]any{"n": i, "note": "材料齐全"},
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestChainAndVerify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		appendN(t, db, "case:A", 3)
		appendN(t, db, "case:B", 2)

		evs, err := event.Stream(ctx, db, "case:A")
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 3 || evs[0].Seq != 1 || evs[2].Seq != 3 || evs[1].PrevHash != evs[0].Hash || evs[0].PrevHash != "" {
			t.Fatalf("chain not linked: %+v", evs)
		}
		r, err := event.Verify(ctx, db)
		if err != nil || len(r.Problems) != 0 || r.Streams != 2 || r.Events != 5 {
			t.Fatalf("clean log: report %+v, err %v", r, err)
		}

		// Edit a row behind the application's back.
		if _, err := db.Exec(ctx, `UPDATE events SET payload = ? WHERE stream = ? AND seq = 2`, `{"n":1,"note":"材料不全"}`, "case:A"); err != nil {
			t.Fatal(err)
		}
		r, err = event.Verify(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Problems) != 1 || r.Problems[0].Stream != "case:A" || r.Problems[0].Seq != 2 || !strings.Contains(r.Problems[0].Reason, "hash") {
			t.Fatalf("tampering not caught: %+v", r.Problems)
		}

		// Deleting an event is caught as a gap.
		if _, err := db.Exec(ctx, `DELETE FROM events WHERE stream = ? AND seq = 1`, "case:B"); err != nil {
			t.Fatal(err)
		}
		r, _ = event.Verify(ctx, db)
		if len(r.Problems) != 2 || r.Problems[1].Stream != "case:B" || r.Problems[1].Seq != 2 {
			t.Fatalf("deletion not caught: %+v", r.Problems)
		}
	})
}

func TestAppendRollsBackWithTheChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.Tx(ctx, func(tx *store.Tx) error {
			if _, err := event.Append(ctx, tx, event.Draft{Stream: "s", Type: "t", Actor: "a", At: time.Now()}); err != nil {
				return err
			}
			return context.Canceled // the state change failed
		})
		if err == nil {
			t.Fatal("expected the error back")
		}
		evs, _ := event.Stream(ctx, db, "s")
		if len(evs) != 0 {
			t.Fatalf("event survived a rolled-back transaction: %+v", evs)
		}
		appendN(t, db, "s", 1)
		evs, _ = event.Stream(ctx, db, "s")
		if len(evs) != 1 || evs[0].Seq != 1 {
			t.Fatalf("sequence should restart at 1 after rollback: %+v", evs)
		}
	})
}

func TestConcurrentAppendsKeepOneChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		done := make(chan error)
		for w := 0; w < 4; w++ {
			go func() {
				for i := 0; i < 10; i++ {
					err := db.Tx(ctx, func(tx *store.Tx) error {
						_, err := event.Append(ctx, tx, event.Draft{Stream: "hot", Type: "t", Actor: "a", At: time.Now()})
						return err
					})
					if err != nil {
						done <- err
						return
					}
				}
				done <- nil
			}()
		}
		for w := 0; w < 4; w++ {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		r, err := event.Verify(ctx, db)
		if err != nil || r.Events != 40 || len(r.Problems) != 0 {
			t.Fatalf("report %+v err %v", r, err)
		}
	})
}

func TestAppendAllKeepsOneChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		appendN(t, db, "s", 2)
		at := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
		var got []event.Event
		err := db.Tx(ctx, func(tx *store.Tx) error {
			var err error
			got, err = event.AppendAll(ctx, tx, []event.Draft{
				{Stream: "s", Type: "task.completed", Actor: "handler1", At: at},
				{Stream: "s", Type: "token.moved", Actor: "handler1", At: at},
				{Stream: "s", Type: "task.created", Actor: "handler1", At: at},
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].Seq != 3 || got[2].Seq != 5 || got[1].PrevHash != got[0].Hash {
			t.Fatalf("appended %+v", got)
		}
		r, err := event.Verify(ctx, db)
		if err != nil || r.Events != 5 || len(r.Problems) != 0 {
			t.Fatalf("report %+v %v", r, err)
		}
		err = db.Tx(ctx, func(tx *store.Tx) error {
			_, err := event.AppendAll(ctx, tx, []event.Draft{{Stream: "s", Type: "a", At: at}, {Stream: "other", Type: "b", At: at}})
			return err
		})
		if err == nil {
			t.Fatal("two streams in one AppendAll were accepted")
		}
	})
}
