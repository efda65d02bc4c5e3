package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// TestKilledWriterLosesNothingAcknowledged runs a child process that writes from sixteen
// goroutines and reports each write once Tx has returned; killed with SIGKILL mid-stream,
// it must have left every reported write in the database.
func TestKilledWriterLosesNothingAcknowledged(t *testing.T) {
	if path := os.Getenv("SHENPI_TEST_KILLED_WRITER"); path != "" {
		writeUntilKilled(path)
		return
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "killed.db")
	db, err := store.Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `CREATE TABLE acked (k TEXT PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	child := exec.Command(os.Args[0], "-test.run=^TestKilledWriterLosesNothingAcknowledged$")
	child.Env = append(os.Environ(), "SHENPI_TEST_KILLED_WRITER="+path)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		// Only whole lines count: the kill may cut the last one short.
		if k, ok := strings.CutSuffix(lines.Text(), " ok"); ok {
			acked = append(acked, k)
		}
		if len(acked) == 2000 {
			child.Process.Kill()
		}
	}
	child.Wait()
	if len(acked) < 2000 {
		t.Fatalf("the child acknowledged %d writes before it ended", len(acked))
	}

	db, err = store.Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, k := range acked {
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM acked WHERE k = ?`, k).Scan(&n); err != nil || n != 1 {
			t.Fatalf("acknowledged write %s is missing after the kill (%v)", k, err)
		}
	}
}

// writeUntilKilled is the child of TestKilledWriterLosesNothingAcknowledged.
func writeUntilKilled(path string) {
	ctx := context.Background()
	db, err := store.Open(ctx, path, "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				k := fmt.Sprintf("g%d-%d", g, i)
				err := db.Tx(ctx, func(tx *store.Tx) error {
					_, err := tx.Exec(ctx, `INSERT INTO acked (k) VALUES (?)`, k)
					return err
				})
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				mu.Lock()
				fmt.Println(k, "ok")
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}
