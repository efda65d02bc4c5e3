package event_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// written is one transaction of a test writer: its event, and the ticks of a
// clock shared by all writers taken before it began and after it committed.
type written struct {
	stream     string
	seq        int64
	begin, end int64
}

// delivered gathers what a consumer is handed, in order.
type delivered struct {
	mu  sync.Mutex
	evs []event.Event
	got chan struct{} // signalled after each batch
}

func newDelivered() *delivered { return &delivered{got: make(chan struct{}, 1)} }

func (d *delivered) handle(_ context.Context, evs []event.Event) error {
	d.mu.Lock()
	d.evs = append(d.evs, evs...)
	d.mu.Unlock()
	select {
	case d.got <- struct{}{}:
	default:
	}
	return nil
}

func (d *delivered) all() []event.Event {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]event.Event(nil), d.evs...)
}

// waitFor returns once an event of stream has been delivered.
func (d *delivered) waitFor(t *testing.T, stream string) {
	t.Helper()
	for {
		for _, e := range d.all() {
			if e.Stream == stream {
				return
			}
		}
		<-d.got
	}
}

func appendOne(ctx context.Context, tx *store.Tx, stream string, i int) error {
	_, err := event.Append(ctx, tx, event.Draft{Stream: stream, Type: "case.noted", Actor: "clerk1",
		At: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second), Payload: map[string]any{"n": i}})
	return err
}

// writeConcurrently has writers append rounds events each, one per
// transaction, on a stream of their own. On PostgreSQL every even writer
// holds its transaction open after appending until its partner, the next
// writer, has appended and committed after it: the partner's event has the
// higher id and commits first, which is what a reader going by id misses.
func writeConcurrently(t *testing.T, db *store.DB, writers, rounds int) []written {
	t.Helper()
	ctx := context.Background()
	var (
		clock atomic.Int64
		mu    sync.Mutex
		out   []written
		wg    sync.WaitGroup
		errs  = make(chan error, writers)
	)
	invert := db.Engine() == store.Postgres // SQLite's one writer could not wait inside a batch
	appended := make([]chan struct{}, writers)
	committed := make([]chan struct{}, writers)
	for i := range appended {
		appended[i], committed[i] = make(chan struct{}), make(chan struct{})
	}
	// Each held transaction keeps a pooled connection: hold a few at a time.
	held := make(chan struct{}, 4)
	for w := range writers {
		wg.Go(func() {
			stream := fmt.Sprintf("case:w%02d", w)
			for r := range rounds {
				lead, follow := invert && w%2 == 0, invert && w%2 == 1
				if lead {
					held <- struct{}{}
				}
				if follow {
					<-appended[w-1]
				}
				begin := clock.Add(1)
				waited := false // once, should the function run twice (store's txtwice build)
				err := db.Tx(ctx, func(tx *store.Tx) error {
					if err := appendOne(ctx, tx, stream, r); err != nil {
						return err
					}
					if lead && !waited {
						waited = true
						appended[w] <- struct{}{}
						<-committed[w]
					}
					return nil
				})
				end := clock.Add(1)
				if follow {
					committed[w-1] <- struct{}{}
				}
				if lead {
					<-held
				}
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				out = append(out, written{stream, int64(r + 1), begin, end})
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	return out
}

// run starts c and returns a function that stops it and reports its error.
func run(t *testing.T, db *store.DB, c event.Consumer) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- event.Run(ctx, db, c) }()
	return func() {
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("consumer %s ended with %v", c.Name, err)
		}
	}
}

// checkCommitOrder checks that every written event was delivered exactly
// once, and in commit order: an event whose transaction had committed before
// another's began comes first.
func checkCommitOrder(t *testing.T, writes []written, got []event.Event) {
	t.Helper()
	index := map[string]int{}
	for i, e := range got {
		key := fmt.Sprintf("%s/%d", e.Stream, e.Seq)
		if _, dup := index[key]; dup {
			t.Fatalf("%s delivered twice", key)
		}
		index[key] = i
		if i > 0 && e.Pos <= got[i-1].Pos {
			t.Fatalf("positions out of order at %d: %d after %d", i, e.Pos, got[i-1].Pos)
		}
	}
	at := make([]int, len(writes))
	for i, w := range writes {
		var ok bool
		if at[i], ok = index[fmt.Sprintf("%s/%d", w.stream, w.seq)]; !ok {
			t.Fatalf("%s/%d never delivered", w.stream, w.seq)
		}
	}
	for i, a := range writes {
		for j, b := range writes {
			if a.end < b.begin && at[i] > at[j] {
				t.Fatalf("%s/%d committed before %s/%d began, but was delivered after it", a.stream, a.seq, b.stream, b.seq)
			}
		}
	}
}

// TestConsumerSeesEveryEventOnceInCommitOrder: 32 writers on streams of
// their own, with commits finishing out of id order on PostgreSQL, and a
// consumer reading meanwhile: it is handed every event exactly once, in
// commit order.
func TestConsumerSeesEveryEventOnceInCommitOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		got := newDelivered()
		stop := run(t, db, event.Consumer{Name: "audit", Batch: 7, Poll: time.Millisecond, Handle: got.handle})
		writes := writeConcurrently(t, db, 32, 12)
		appendN(t, db, "end", 1)
		got.waitFor(t, "end")
		stop()
		evs := got.all()
		if len(evs) != len(writes)+1 {
			t.Fatalf("%d events delivered, %d written", len(evs), len(writes)+1)
		}
		checkCommitOrder(t, writes, evs[:len(writes)])
		if db.Engine() == store.Postgres {
			inverted := 0
			for i := 1; i < len(evs); i++ {
				if evs[i].ID < evs[i-1].ID {
					inverted++
				}
			}
			if inverted == 0 {
				t.Fatal("no commit finished out of id order: the test did not test what it should")
			}
		}
	})
}

// TestConsumerResumesAfterKill: a consumer stopped while handling a batch,
// before acknowledging it, and started again misses nothing, and is handed
// again only that batch.
func TestConsumerResumesAfterKill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		first := newDelivered()
		var lastBatch []event.Event
		ctx, kill := context.WithCancel(context.Background())
		batches := 0
		killed := make(chan error, 1)
		go func() {
			killed <- event.Run(ctx, db, event.Consumer{Name: "mailer", Batch: 5, Poll: time.Millisecond,
				Handle: func(ctx context.Context, evs []event.Event) error {
					first.handle(ctx, evs)
					if batches++; batches == 4 {
						lastBatch = evs
						kill() // the process dies before acknowledging
						return errors.New("killed")
					}
					return nil
				}})
		}()
		writes := writeConcurrently(t, db, 8, 10)
		if err := <-killed; !errors.Is(err, context.Canceled) {
			t.Fatalf("first run ended with %v", err)
		}
		second := newDelivered()
		stop := run(t, db, event.Consumer{Name: "mailer", Batch: 5, Poll: time.Millisecond, Handle: second.handle})
		appendN(t, db, "end", 1)
		second.waitFor(t, "end")
		stop()

		before, after := first.all(), second.all()
		redelivered := map[string]bool{}
		for _, e := range lastBatch {
			redelivered[fmt.Sprintf("%s/%d", e.Stream, e.Seq)] = true
		}
		seen := map[string]bool{}
		for _, e := range before {
			seen[fmt.Sprintf("%s/%d", e.Stream, e.Seq)] = true
		}
		var resumed []event.Event
		for _, e := range after {
			key := fmt.Sprintf("%s/%d", e.Stream, e.Seq)
			if seen[key] && !redelivered[key] {
				t.Fatalf("%s handed over again though its batch was acknowledged", key)
			}
			if !redelivered[key] {
				resumed = append(resumed, e)
			}
		}
		if len(after) < len(lastBatch) || after[0].Pos != lastBatch[0].Pos {
			t.Fatalf("the restart did not begin with the unacknowledged batch (%d events from position %d): %d events",
				len(lastBatch), lastBatch[0].Pos, len(after))
		}
		all := append(append([]event.Event(nil), before...), resumed...)
		var mine []event.Event
		for _, e := range all {
			if e.Stream != "end" {
				mine = append(mine, e)
			}
		}
		if len(mine) != len(writes) {
			t.Fatalf("%d distinct events handed over, %d written", len(mine), len(writes))
		}
		checkCommitOrder(t, writes, mine)
	})
}
