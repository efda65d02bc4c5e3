package event_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestSinceMissesNoLateCommit: on PostgreSQL a transaction can take its event
// id before another one and commit after it. A reader that read the log at the
// moment between the two commits, and goes on from where it stopped, must still
// find the late one. (SQLite has one writer: the first transaction would hold
// it, and the second could not commit first.)
func TestSinceMissesNoLateCommit(t *testing.T) {
	db := storetest.Postgres(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	appended, release, committed := make(chan struct{}), make(chan struct{}), make(chan error)
	var once sync.Once
	go func() {
		committed <- db.Tx(ctx, func(tx *store.Tx) error {
			_, err := event.Append(ctx, tx, event.Draft{Stream: "case:early", Type: "case.noted", Actor: "clerk1", At: at})
			once.Do(func() { close(appended) }) // should the function run twice (store's txtwice build)
			<-release                           // takes its id first, commits last
			return err
		})
	}()
	<-appended
	appendN(t, db, "case:late", 1)

	seen := map[string]bool{}
	after := int64(0)
	read := func() {
		t.Helper()
		evs, err := event.Since(ctx, db, after, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if seen[e.Stream] {
				t.Fatalf("%s read twice", e.Stream)
			}
			seen[e.Stream] = true
			after = e.Pos
		}
	}
	read()
	close(release)
	if err := <-committed; err != nil {
		t.Fatal(err)
	}
	read()
	if !seen["case:early"] || !seen["case:late"] {
		t.Fatalf("read %v: an event committed after the reader moved on was skipped", seen)
	}
}
