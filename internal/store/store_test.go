package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestConcurrentTransactionsAreIsolated runs many transactions at once —
// on SQLite they share commits — and checks that each failing one left
// nothing behind while every successful one is durable.
func TestConcurrentTransactionsAreIsolated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `CREATE TABLE probe (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 200)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = db.Tx(ctx, func(tx *store.Tx) error {
					if _, err := tx.Exec(ctx, `INSERT INTO probe (k, v) VALUES (?, ?)`, fmt.Sprint("k", i), i); err != nil {
						return err
					}
					switch i % 10 {
					case 3:
						return errors.New("refused") // its insert must vanish
					case 7:
						panic("boom") // likewise, and the others go on
					case 9:
						// A constraint failure half-way through.
						_, err := tx.Exec(ctx, `INSERT INTO probe (k, v) VALUES (?, ?)`, fmt.Sprint("k", i), 0)
						return err
					}
					return nil
				})
			}()
		}
		wg.Wait()
		want := 0
		for i, err := range errs {
			if (err != nil) != (i%10 == 3 || i%10 == 7 || i%10 == 9) {
				t.Fatalf("transaction %d: %v", i, err)
			}
			if err == nil {
				want++
			}
		}
		var got int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM probe`).Scan(&got); err != nil || got != want {
			t.Fatalf("%d rows, want %d (%v)", got, want, err)
		}
		var leaked int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM probe WHERE v % 10 IN (3, 7, 9)`).Scan(&leaked)
		if leaked != 0 {
			t.Fatalf("%d writes of failed transactions survived", leaked)
		}
	})
}

// BenchmarkTxParallel measures small write transactions from concurrent
// goroutines; on SQLite they share commits.
func BenchmarkTxParallel(b *testing.B) {
	db := storetest.SQLite(b)
	ctx := context.Background()
	db.Exec(ctx, `CREATE TABLE probe (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`)
	b.SetParallelism(32)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			err := db.Tx(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, `INSERT INTO probe (v) VALUES (?)`, "x")
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
