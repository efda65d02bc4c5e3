package event

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// Consumer is a named reader of the log that remembers, in the database, how
// far it has handled it: Run hands it every event once durable, in the order
// events became visible (see position.go), skipping none, and goes on after a
// restart from the end of the last batch it acknowledged.
//
// Delivery is at least once. A batch is acknowledged after Handle returns nil;
// if the process stops in between, or Handle fails, the same events come
// again. Handle must therefore be idempotent: keyed on the event's stream and
// sequence, or writing state that a second run leaves as the first did. A
// consumer is written against event types and payloads and this type alone.
type Consumer struct {
	// Name identifies the consumer's stored position; renaming one starts it
	// afresh from the beginning of the log.
	Name string
	// Types, when not empty, are the only event types handed to Handle; the
	// consumer moves past others without seeing them.
	Types []string
	// Handle is given each batch, in log order, and the context Run was
	// given. An error leaves the batch unacknowledged: it is logged, and the
	// batch is retried after a pause that grows with each failure.
	Handle func(ctx context.Context, evs []Event) error
	// Batch is the most events handed over at once; 0 means 100.
	Batch int
	// Poll is how often to look for events appended by other processes
	// (those of this one wake it at once); 0 means one second.
	Poll time.Duration
	// Log receives Handle's failures; nil means slog.Default().
	Log *slog.Logger
}

// maxRetryPause bounds the pause after repeated failures.
const maxRetryPause = time.Minute

// Run hands the log to c until ctx ends, and then returns ctx's error. It
// returns early only when c is unusable or its position cannot be read.
func Run(ctx context.Context, db *store.DB, c Consumer) error {
	if c.Name == "" || c.Handle == nil {
		return errors.New("event: a consumer needs a name and a handler")
	}
	if c.Batch <= 0 {
		c.Batch = 100
	}
	if c.Poll <= 0 {
		c.Poll = time.Second
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	cur, err := openCursor(ctx, db, c)
	if err != nil {
		return err
	}
	failures := 0
	for {
		wake := db.Committed() // before reading, so a commit meanwhile wakes us
		more, err := cur.step(ctx, c.Handle)
		pause := c.Poll
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			failures++
			pause = min(c.Poll<<min(failures, 16), maxRetryPause)
			c.Log.Error("event consumer failed; retrying", "consumer", c.Name, "err", err, "failures", failures, "retry_in", pause)
			wake = nil // a commit does not cure a failure: wait it out
		case more:
			failures = 0
			continue
		default:
			failures = 0
		}
		timer := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// RunAll runs every consumer until ctx ends, and returns when all have
// stopped; a consumer that cannot start is logged and the others go on.
func RunAll(ctx context.Context, db *store.DB, cs []Consumer, log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	var wg sync.WaitGroup
	names := map[string]bool{}
	for _, c := range cs {
		if names[c.Name] {
			log.Error("event consumer not started: its name is taken", "consumer", c.Name)
			continue
		}
		names[c.Name] = true
		if c.Log == nil {
			c.Log = log
		}
		wg.Go(func() {
			if err := Run(ctx, db, c); err != nil && ctx.Err() == nil {
				log.Error("event consumer stopped", "consumer", c.Name, "err", fmt.Errorf("event: unable to run a consumer: %w", err))
			}
		})
	}
	wg.Wait()
}
