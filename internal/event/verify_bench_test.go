package event

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

var benchEvents = flag.Int("verify.events", 120000, "events in the log BenchmarkVerify builds")

// BenchmarkVerify builds a SQLite log of -verify.events events in streams of
// six (a case's typical file), checkpoints it, and measures a full
// verification, a routine one after 1% of the streams moved by one event
// and a checkpoint was made, and the making of that checkpoint. Besides the
// wall time it reports the process's CPU time per operation (cpu-ms/op),
// which a machine shared with other work inflates less. Run it alone:
//
//	go test -run '^$' -bench Verify -benchtime 3x ./internal/event/ -verify.events 1000000
func BenchmarkVerify(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), "")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const perStream = 6
	streams := *benchEvents / perStream
	buildLog(b, db, streams, perStream)
	if _, _, err := MakeCheckpoint(ctx, db, t0); err != nil {
		b.Fatal(err)
	}
	if r, err := VerifyWith(ctx, db, Options{Full: true, Now: t0}); err != nil || len(r.Problems) > 0 {
		b.Fatalf("%+v %v", r.Problems, err)
	}
	round := 0
	// moveAndCheckpoint appends one event to every hundredth stream, a
	// different hundredth each round, and checkpoints.
	moveAndCheckpoint := func(b *testing.B, timed bool) {
		round++
		if timed {
			b.StopTimer()
		}
		err := db.Tx(ctx, func(tx *store.Tx) error {
			for i := round % 100; i < streams; i += 100 {
				if _, err := Append(ctx, tx, Draft{Stream: benchStream(i), Type: "case.noted", Actor: "bench", At: t0}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if timed {
			b.StartTimer()
		}
		if _, _, err := MakeCheckpoint(ctx, db, t0.Add(time.Duration(round)*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("full", func(b *testing.B) {
		var events int
		defer reportCPU(b)()
		for b.Loop() {
			r, err := VerifyWith(ctx, db, Options{Full: true, Now: t0})
			if err != nil || len(r.Problems) > 0 {
				b.Fatalf("%+v %v", r.Problems, err)
			}
			events = r.Events
		}
		b.ReportMetric(float64(events), "events")
		b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("routine", func(b *testing.B) {
		var read int
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			moveAndCheckpoint(b, false)
			b.StartTimer()
			start := cpuTime()
			r, err := VerifyWith(ctx, db, Options{Now: t0})
			if err != nil || len(r.Problems) > 0 || r.Since == 0 {
				b.Fatalf("%+v %v", r, err)
			}
			read = r.Events
			cpu += cpuTime() - start
		}
		b.ReportMetric(float64(read), "events-read")
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	b.Run("checkpoint", func(b *testing.B) {
		for b.Loop() {
			moveAndCheckpoint(b, true)
		}
		b.ReportMetric(float64(streams), "streams")
	})
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU starts counting CPU time; the function it returns reports it
// per operation.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

func benchStream(i int) string { return fmt.Sprintf("case:320102-2026-%07d", i) }

// buildLog appends perStream events to each of n streams, a thousand
// streams a transaction.
func buildLog(b *testing.B, db *store.DB, n, perStream int) {
	ctx := context.Background()
	drafts := make([]Draft, perStream)
	for lo := 0; lo < n; lo += 1000 {
		err := db.Tx(ctx, func(tx *store.Tx) error {
			for i := lo; i < min(lo+1000, n); i++ {
				for j := range drafts {
					drafts[j] = Draft{Stream: benchStream(i), Type: "case.noted", Actor: "clerk1", At: t0.Add(time.Duration(j) * time.Minute),
						Payload: map[string]any{"step": j, "note": "材料齐全，予以受理"}}
				}
				if _, err := AppendAll(ctx, tx, drafts); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
