package process_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
)

// BenchmarkTransitions drives many instances of the demo serial process at once on a
// SQLite file, each goroutine its own instance, Complete after Complete (a new instance
// when one ends): every transition loads and saves the State, appends its events (three
// for a step that hands on), moves the task index and stops and starts a step clock, in
// one transaction. Concurrent transactions share commits (store's group commit), which
// is what the figure rests on. Run it alone:
//
//	go test -run '^$' -bench Transitions -benchtime 20000x ./internal/process/
//
// transitions/s counts every engine transition that wrote state and events: the
// completions and the starts of the cases (one start per four completions of the serial
// process); completions/s counts the completions alone.
func BenchmarkTransitions(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), "", store.WithKeys(seal.ForTests()))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	e := newEnv(b, db)
	key := e.publishDemo("serial")
	// Two handlers would make handling a claimable role task; one keeps every step direct.
	if err := e.f.Org.SetDisabled(ctx, "test", e.f.Users["handlera2"], true); err != nil {
		b.Fatal(err)
	}
	var transitions, completions atomic.Int64
	b.SetParallelism(32) // 64 goroutines on this 2-core machine
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var (
			id string
			st flow.State
			n  int
		)
		for pb.Next() {
			if id == "" || st.Ended() {
				id, st = e.start(key, nil)
				transitions.Add(1)
			}
			task := st.OpenTasks()[0]
			n++
			next, err := e.p.Run(ctx, id, flow.Complete{
				Meta: flow.Meta{RequestID: fmt.Sprint(id, "-", n), Actor: task.Assignee}, TaskID: task.ID, Outcome: flow.OutcomeApprove,
			})
			if err != nil {
				b.Error(err)
				return
			}
			st = next
			transitions.Add(1)
			completions.Add(1)
		}
	})
	elapsed := time.Since(start)
	b.StopTimer()
	var stored int64
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE stream LIKE 'case:%'`).Scan(&stored); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(transitions.Load())/elapsed.Seconds(), "transitions/s")
	b.ReportMetric(float64(completions.Load())/elapsed.Seconds(), "completions/s")
	b.ReportMetric(float64(stored)/elapsed.Seconds(), "events/s")
}
