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

// notedPayload is the payload of the test's case.noted events.
type notedPayload struct {
	N    int    `json:"n"`
	Note string `json:"note"`
}

// errRefused is what the test's projector answers to a note it refuses.
var errRefused = errors.New("refused")

// projected sets up a table the test's projector writes, a state table the
// test's transactions write, and a registry that copies every case.noted
// note into the first, refusing the note "refuse".
func projected(t *testing.T, db *store.DB) (*event.Projectors, *[]notedPayload) {
	t.Helper()
	ctx := context.Background()
	for _, ddl := range []string{
		`CREATE TABLE test_notes (stream TEXT NOT NULL, seq BIGINT NOT NULL, note TEXT NOT NULL)`,
		`CREATE TABLE test_state (name TEXT NOT NULL)`,
	} {
		if _, err := db.Exec(ctx, ddl); err != nil {
			t.Fatal(err)
		}
	}
	var seen []notedPayload
	ps := event.NewProjectors()
	event.Project(ps, "case.noted", func(ctx context.Context, tx *store.Tx, e event.Event, p notedPayload) error {
		seen = append(seen, p)
		if p.Note == "refuse" {
			return errRefused
		}
		_, err := tx.Exec(ctx, `INSERT INTO test_notes (stream, seq, note) VALUES (?, ?, ?)`, e.Stream, e.Seq, p.Note)
		return err
	})
	event.Install(db, ps)
	return ps, &seen
}

// change writes a state row and appends its event in one transaction, which
// then fails with fail if it is not nil.
func change(db *store.DB, stream string, payload any, fail error) error {
	ctx := context.Background()
	return db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO test_state (name) VALUES (?)`, stream); err != nil {
			return err
		}
		if _, err := event.Append(ctx, tx, event.Draft{Stream: stream, Type: "case.noted", Actor: "clerk1",
			At: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC), Payload: payload}); err != nil {
			return err
		}
		return fail
	})
}

func count(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestProjectorRunsInTheAppendsTransaction: a projector's write commits with
// the event and the state change, rolls back with them when the transaction
// fails afterwards, and a projector's error fails the append and rolls back
// the event and the state change; the chain still verifies.
func TestProjectorRunsInTheAppendsTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		projected(t, db)
		state := func(stream string) [3]int {
			return [3]int{
				count(t, db, `SELECT COUNT(*) FROM test_state WHERE name = ?`, stream),
				count(t, db, `SELECT COUNT(*) FROM events WHERE stream = ?`, stream),
				count(t, db, `SELECT COUNT(*) FROM test_notes WHERE stream = ?`, stream),
			}
		}

		if err := change(db, "case:ok", notedPayload{N: 1, Note: "材料齐全"}, nil); err != nil {
			t.Fatal(err)
		}
		if got := state("case:ok"); got != [3]int{1, 1, 1} {
			t.Fatalf("committed change: state, events, projection = %v, want all 1", got)
		}

		failed := errors.New("the state change failed after the append")
		if err := change(db, "case:late", notedPayload{N: 2, Note: "补正"}, failed); !errors.Is(err, failed) {
			t.Fatalf("failing transaction: %v", err)
		}
		if got := state("case:late"); got != [3]int{0, 0, 0} {
			t.Fatalf("transaction failed after the append: state, events, projection = %v, want none", got)
		}

		err := change(db, "case:refused", notedPayload{N: 3, Note: "refuse"}, nil)
		if !errors.Is(err, errRefused) {
			t.Fatalf("projector error: %v, want it back from the transaction", err)
		}
		if got := state("case:refused"); got != [3]int{0, 0, 0} {
			t.Fatalf("projector refused: state, events, projection = %v, want none", got)
		}
		if h, err := event.ReadHead(context.Background(), db, "case:refused"); err != nil || h.Seq != 0 {
			t.Fatalf("the refused stream's head moved: %+v %v", h, err)
		}

		r, err := event.Verify(context.Background(), db)
		if err != nil || len(r.Problems) != 0 || r.Events != 1 {
			t.Fatalf("verify after projections: %+v %v", r, err)
		}
	})
}

// TestProjectorSeesOnePayload: a projector is given the appender's value
// when it is the registered type or a pointer to it, and the stored JSON
// decoded otherwise (here a map) — the same payload every way; events of a
// type nobody registered for run nothing; sealed appends project too.
func TestProjectorSeesOnePayload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, seen := projected(t, db)
		want := notedPayload{N: 7, Note: "受理"}
		for _, payload := range []any{want, &want, map[string]any{"note": "受理", "n": 7}} {
			if err := change(db, "case:typed", payload, nil); err != nil {
				t.Fatal(err)
			}
		}
		err := db.Tx(ctx, func(tx *store.Tx) error {
			_, err := event.Append(ctx, tx, event.Draft{Stream: "case:other", Type: "case.other", At: time.Now(), Payload: want})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		head, err := event.ReadHead(ctx, db, "case:typed")
		if err != nil {
			t.Fatal(err)
		}
		sealed, err := event.Seal(head, []event.Draft{
			{Stream: "case:typed", Type: "case.noted", At: time.Now(), Payload: want},
			{Stream: "case:typed", Type: "case.other", At: time.Now(), Payload: want},
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Tx(ctx, func(tx *store.Tx) error { return sealed.Append(ctx, tx) }); err != nil {
			t.Fatal(err)
		}
		// Counted from what committed: a transaction may run twice (store.DB.Tx).
		if n := count(t, db, `SELECT COUNT(*) FROM test_notes WHERE stream = 'case:typed'`); n != 4 || len(*seen) < 4 {
			t.Fatalf("projected %d times (ran %d), want 4: three appends and one sealed case.noted", n, len(*seen))
		}
		for _, p := range *seen {
			if p != want {
				t.Fatalf("projector saw %+v, want %+v", p, want)
			}
		}
		if n := count(t, db, `SELECT COUNT(*) FROM test_notes WHERE stream = 'case:typed' AND seq = 4`); n != 1 {
			t.Fatalf("the sealed event was projected %d times, want once as seq 4", n)
		}
	})
}

// TestProjectorsOfOneDatabase: a registry belongs to the database it is
// installed on; another database appends without it.
func TestProjectorsOfOneDatabase(t *testing.T) {
	withProjectors, plain := storetest.SQLite(t), storetest.SQLite(t)
	_, seen := projected(t, withProjectors)
	if _, err := plain.Exec(context.Background(), `CREATE TABLE test_state (name TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if err := change(plain, "case:plain", notedPayload{Note: "refuse"}, nil); err != nil {
		t.Fatalf("a database without projectors ran one: %v", err)
	}
	if len(*seen) != 0 {
		t.Fatalf("projector of another database ran: %+v", *seen)
	}
}
