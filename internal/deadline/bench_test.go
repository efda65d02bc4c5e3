package deadline_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// BenchmarkRecompute1M edits the national calendar under 1,000,000 running
// clocks on SQLite, each spanning the edited day, so every one moves: the
// worst case of the budget "under 10 s". Run it alone:
//
//	go test -run '^$' -bench Recompute1M -benchtime 1x ./internal/deadline/
func BenchmarkRecompute1M(b *testing.B) {
	const n = 1_000_000
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), "")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	book, err := deadline.Open(ctx, db, orgtest.Clock)
	if err != nil {
		b.Fatal(err)
	}
	// Clocks started on ten days of early November 2026 with 20 working
	// days: every one runs across 2026-11-30. Ten are started through the
	// Book; the rest are copied from them in bulk.
	first := at("2026-11-02 10:00")
	for i := 0; i < 10; i++ {
		err := db.Tx(ctx, func(tx *store.Tx) error {
			_, err := book.Start(ctx, tx, fmt.Sprintf("case:seed%d", i), "decision",
				workday.ClockFromDays(deadline.National, first.Add(time.Duration(i)*24*time.Hour), 20))
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	_, err = db.Exec(ctx, `WITH RECURSIVE seq(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
		INSERT INTO clocks (owner, purpose, calendar, start_at, budget_days, budget_hours, detail, running, group_id)
		SELECT 'case:' || s.i, 'decision', c.calendar, c.start_at, c.budget_days, 0, '', TRUE, c.group_id
		FROM seq s JOIN clocks c ON c.id = (s.i % 10) + 1`, n-1)
	if err != nil {
		b.Fatal(err)
	}
	kinds := []deadline.DayKind{deadline.DayOff, deadline.DayDefault}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		moved, err := book.SetDay(ctx, "bench", deadline.National, date("2026-11-30"), kinds[i%2], "")
		if err != nil {
			b.Fatal(err)
		}
		if moved.Clocks != n {
			b.Fatalf("moved %d clocks", moved.Clocks)
		}
	}
	b.ReportMetric(float64(n), "clocks")
}

// BenchmarkStartClock measures starting one clock in its own transaction.
func BenchmarkStartClock(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), "")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	book, _ := deadline.Open(ctx, db, orgtest.Clock)
	clk := workday.ClockFromDays(deadline.National, at("2026-11-02 10:00"), 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := db.Tx(ctx, func(tx *store.Tx) error {
			_, err := book.Start(ctx, tx, fmt.Sprintf("case:%d", i), "decision", clk)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
