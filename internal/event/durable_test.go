package event_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
)

// TestConsumerWaitsForTheSync: on SQLite a batch is committed, and visible
// to readers, before its write-ahead log is synced. A consumer that looks at
// the log in that moment must wait: it is handed the event only once the
// sync has succeeded.
func TestConsumerWaitsForTheSync(t *testing.T) {
	var (
		holding atomic.Bool
		durable atomic.Bool
		gate    = make(chan struct{})
	)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "test.db"), "", store.WithLogSync(func(syncLog func() error) error {
		if !holding.Load() {
			return syncLog()
		}
		<-gate
		err := syncLog()
		durable.Store(err == nil)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	release := sync.OnceFunc(func() { close(gate) })
	defer release() // a failed test lets the held sync go before closing

	var armed atomic.Bool
	reached := make(chan struct{}, 1)
	defer event.WatchBarrier(func() {
		if armed.Load() {
			select {
			case reached <- struct{}{}:
			default:
			}
		}
	})()
	got := newDelivered()
	held := make(chan bool, 1)
	stop := run(t, db, event.Consumer{Name: "notifier", Poll: time.Millisecond, Handle: func(ctx context.Context, evs []event.Event) error {
		for _, e := range evs {
			if e.Stream == "case:held" {
				held <- durable.Load()
			}
		}
		return got.handle(ctx, evs)
	}})
	defer stop()
	appendN(t, db, "case:before", 1)
	got.waitFor(t, "case:before")
	for { // until the consumer has acknowledged it, and that is on disk
		var pos int64
		if err := db.QueryRow(ctx, `SELECT pos FROM event_consumers WHERE name = 'notifier'`).Scan(&pos); err != nil {
			t.Fatal(err)
		}
		if pos == got.all()[0].Pos {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err := db.Synced(ctx); err != nil {
		t.Fatal(err)
	}

	holding.Store(true)
	armed.Store(true)
	appended := make(chan error, 1)
	go func() { appended <- db.Tx(ctx, func(tx *store.Tx) error { return appendOne(ctx, tx, "case:held", 0) }) }()
	select {
	case <-reached: // the consumer saw the event committed, and waits
	case <-held:
		t.Fatal("the consumer was handed an event before its batch was synced")
	}
	var n int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE stream = 'case:held'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the held event is not visible to readers (%d, %v): the test did not test what it should", n, err)
	}
	release()
	if !<-held {
		t.Fatal("the consumer was handed an event before its batch was synced")
	}
	if err := <-appended; err != nil {
		t.Fatal(err)
	}
}
