package event

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// The tests of this file tamper with the log behind the application's back,
// as someone with write access to the database would.

var t0 = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// seed appends n events to each of the streams, one transaction each.
func seed(t testing.TB, db *store.DB, n int, streams ...string) {
	t.Helper()
	for _, s := range streams {
		for i := 0; i < n; i++ {
			err := db.Tx(context.Background(), func(tx *store.Tx) error {
				_, err := Append(context.Background(), tx, Draft{Stream: s, Type: "case.noted", Actor: "clerk1",
					At: t0.Add(time.Duration(i) * time.Minute), Payload: map[string]any{"n": i, "note": "材料齐全"}})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

func exec(t *testing.T, db *store.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// rewrite edits the payload of one event and recomputes the hashes of it
// and of every event after it in its stream, so the chain links again; with
// moveHead it also writes the new last hash into event_heads.
func rewrite(t *testing.T, db *store.DB, stream string, seq int64, moveHead bool) {
	t.Helper()
	ctx := context.Background()
	evs, err := Stream(ctx, db, stream)
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for _, e := range evs {
		if e.Seq == seq {
			e.Payload = []byte(`{"n":0,"note":"材料不全"}`)
		}
		if e.Seq >= seq {
			e.PrevHash = prev
			e.Hash = computeHash(e)
			exec(t, db, `UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE stream = ? AND seq = ?`, string(e.Payload), e.PrevHash, e.Hash, stream, e.Seq)
		}
		prev = e.Hash
	}
	if moveHead {
		exec(t, db, `UPDATE event_heads SET hash = ? WHERE stream = ?`, prev, stream)
	}
}

// tamper is one way of changing the log and the stream it breaks. heads
// says whether it also rewrites event_heads to match, as a careful attacker
// would.
type tamper struct {
	name   string
	stream string
	do     func(t *testing.T, db *store.DB)
}

func tampers(heads bool) []tamper {
	return []tamper{
		{"deleted last event", "case:B", func(t *testing.T, db *store.DB) {
			exec(t, db, `DELETE FROM events WHERE stream = 'case:B' AND seq = 3`)
			if heads {
				var h string
				db.QueryRow(context.Background(), `SELECT hash FROM events WHERE stream = 'case:B' AND seq = 2`).Scan(&h)
				exec(t, db, `UPDATE event_heads SET seq = 2, hash = ? WHERE stream = 'case:B'`, h)
			}
		}},
		{"deleted stream", "case:B", func(t *testing.T, db *store.DB) {
			exec(t, db, `DELETE FROM events WHERE stream = 'case:B'`)
			if heads {
				exec(t, db, `DELETE FROM event_heads WHERE stream = 'case:B'`)
			}
		}},
		{"rewritten and rechained", "case:B", func(t *testing.T, db *store.DB) { rewrite(t, db, "case:B", 2, heads) }},
	}
}

// eachTamper runs fn for every tamper on every engine, as subtests.
func eachTamper(t *testing.T, heads bool, fn func(t *testing.T, db *store.DB, tc tamper)) {
	for _, tc := range tampers(heads) {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, db, tc) })
		})
	}
}

// wantProblem fails the test unless r names stream among its problems.
func wantProblem(t *testing.T, r Report, err error, stream string) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Problems {
		if p.Stream == stream {
			return
		}
	}
	t.Fatalf("no problem named %s: %+v", stream, r.Problems)
}

func wantClean(t *testing.T, r Report, err error) {
	t.Helper()
	if err != nil || len(r.Problems) > 0 {
		t.Fatalf("expected a clean log: %+v, %v", r.Problems, err)
	}
}

// Without any checkpoint, verify still holds every stream to its head.
func TestVerifyHoldsStreamsToTheirHeads(t *testing.T) {
	eachTamper(t, false, func(t *testing.T, db *store.DB, tc tamper) {
		seed(t, db, 3, "case:A", "case:B", "case:C")
		r, err := Verify(context.Background(), db)
		wantClean(t, r, err)
		tc.do(t, db)
		r, err = Verify(context.Background(), db)
		wantProblem(t, r, err, tc.stream)
		if len(r.Problems) != 1 {
			t.Fatalf("one stream was touched: %+v", r.Problems)
		}
	})
}

// A stream with events and no head is caught.
func TestVerifyCatchesAStreamWithoutHead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seed(t, db, 2, "case:A", "case:B")
		exec(t, db, `DELETE FROM event_heads WHERE stream = 'case:A'`)
		r, err := Verify(context.Background(), db)
		wantProblem(t, r, err, "case:A")
		if !strings.Contains(r.Problems[0].Reason, "no head") {
			t.Fatalf("reason: %s", r.Problems[0])
		}
	})
}

// Once a checkpoint exists, rewriting event_heads to match does not hide
// the change: the checkpoint pinned every stream's head (before one, such a
// rewrite passes, which is why serve makes them at intervals).
func TestVerifyWithACheckpointCatchesRewrittenHeads(t *testing.T) {
	eachTamper(t, true, func(t *testing.T, db *store.DB, tc tamper) {
		ctx := context.Background()
		seed(t, db, 3, "case:A", "case:B", "case:C")
		checkpoint(t, db, t0.Add(time.Hour))
		r, err := VerifyWith(ctx, db, Options{Full: true, Now: t0})
		wantClean(t, r, err)
		tc.do(t, db)
		r, err = Verify(ctx, db)
		wantProblem(t, r, err, tc.stream)
		r, err = VerifyWith(ctx, db, Options{Now: t0}) // routine
		wantProblem(t, r, err, tc.stream)
	})
}
