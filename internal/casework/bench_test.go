package casework_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/store/storetest"
)

// BenchmarkSubmitWithTwoMaterials measures whole applications from 32
// concurrent clients on SQLite: a draft, two small uploads of distinct
// content (each written and synced to disk) and the submission (numbered,
// clocked, evented). The budget is 500 a second on the 2-core machine.
//
//	go test -run '^$' -bench SubmitWithTwoMaterials -benchtime 3000x ./internal/casework/
func BenchmarkSubmitWithTwoMaterials(b *testing.B) {
	ctx := context.Background()
	e := newEnvB(b)
	u := e.f.Users["citizen1"]
	item := e.item()
	var seq atomic.Int64
	b.SetParallelism(16) // × GOMAXPROCS clients
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := seq.Add(1)
			d, err := e.cw.CreateDraft(ctx, u, item)
			if err != nil {
				b.Fatal(err)
			}
			licence := []byte(fmt.Sprintf("%%PDF-1.7 licence %d", i))
			photo := []byte(fmt.Sprintf("\x89PNG\r\n\x1a\nphoto %d", i))
			if _, err := e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, item, 0, "执照.pdf", licence); err != nil {
				b.Fatal(err)
			}
			if _, err := e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, item, 1, "门店.png", photo); err != nil {
				b.Fatal(err)
			}
			if err := e.cw.SaveDraft(ctx, u.Username, u.ID, d.ID, map[string]string{"shop_name": "面馆"}); err != nil {
				b.Fatal(err)
			}
			if _, err := e.cw.Submit(ctx, u, d.ID, item); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "applications/s")
}

func newEnvB(b *testing.B) *env { return newEnv(b, storetest.SQLite(b)) }

// BenchmarkSubmit measures the submission itself — the request that turns
// a draft with two uploaded materials into a numbered case with its clock
// and event — from 32 concurrent clients on SQLite. The drafts and uploads
// are made before the timer starts.
//
//	go test -run '^$' -bench 'Submit$' -benchtime 3000x ./internal/casework/
func BenchmarkSubmit(b *testing.B) {
	benchSubmit(b, newEnvB(b))
}

// BenchmarkSubmitPostgres is BenchmarkSubmit on the PostgreSQL server in
// SHENPI_TEST_PG, all 32 clients numbering cases of one region and day.
// It samples pg_stat_activity meanwhile and reports the statements it saw
// waiting for a lock on the case-number counter, and the longest wait.
//
//	SHENPI_TEST_PG=postgres://… go test -run '^$' -bench 'SubmitPostgres$' -benchtime 3000x ./internal/casework/
func BenchmarkSubmitPostgres(b *testing.B) {
	e := newEnv(b, storetest.Postgres(b))
	w := watchCounterWaits(b)
	benchSubmit(b, e)
	waits, longest := w.stop()
	b.ReportMetric(float64(waits), "counter-waits>100ms")
	b.ReportMetric(float64(longest.Milliseconds()), "longest-counter-wait-ms")
}

func benchSubmit(b *testing.B, e *env) {
	ctx := context.Background()
	u := e.f.Users["citizen1"]
	item := e.item()
	drafts := make(chan string, b.N)
	for i := 0; i < b.N; i++ {
		d, err := e.cw.CreateDraft(ctx, u, item)
		if err != nil {
			b.Fatal(err)
		}
		e.cw.SaveDraft(ctx, u.Username, u.ID, d.ID, map[string]string{"shop_name": "面馆"})
		e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, item, 0, "执照.pdf", []byte(fmt.Sprintf("%%PDF-1.7 %d", i)))
		e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, item, 1, "门店.png", []byte(fmt.Sprintf("\x89PNG\r\n\x1a\n%d", i)))
		drafts <- d.ID
	}
	close(drafts)
	b.SetParallelism(16)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := e.cw.Submit(ctx, u, <-drafts, item); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "submissions/s")
}
