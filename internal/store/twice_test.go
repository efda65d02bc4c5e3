//go:build txtwice

package store_test

import (
	"context"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestTxRunsTwice: in the txtwice build every transaction function runs
// twice, and the second run sees nothing of the first run's writes.
func TestTxRunsTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `CREATE TABLE probe (k TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		var seen []int
		err := db.Tx(ctx, func(tx *store.Tx) error {
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM probe`).Scan(&n); err != nil {
				return err
			}
			seen = append(seen, n) // kept across runs on purpose: it counts them
			_, err := tx.Exec(ctx, `INSERT INTO probe (k) VALUES ('x')`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) != 2 || seen[0] != 0 || seen[1] != 0 {
			t.Fatalf("rows seen by each run: %v, want [0 0]", seen)
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM probe`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d rows committed (%v), want 1", n, err)
		}
	})
}
