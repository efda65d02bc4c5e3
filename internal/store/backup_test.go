package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// BackupSQLite refuses to write over a file and says so when there is no
// database to copy.
func TestBackupSQLiteRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "shenpi.db"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	existing := filepath.Join(dir, "old.db")
	if err := os.WriteFile(existing, []byte("an older backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := store.BackupSQLite(ctx, filepath.Join(dir, "shenpi.db"), existing); err == nil || !strings.Contains(err.Error(), "it exists") {
		t.Fatalf("a backup over a file: %v", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "an older backup" {
		t.Fatalf("the refused backup changed the file: %q", b)
	}
	if err := store.BackupSQLite(ctx, filepath.Join(dir, "none.db"), filepath.Join(dir, "copy.db")); !os.IsNotExist(unwrapAll(err)) {
		t.Fatalf("a backup of no database: %v", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

// BenchmarkBackupSQLite copies a 40 MB database while eight goroutines
// commit, and reports how fast it copies and what the writers saw meanwhile:
// the slowest commit and the 99th percentile, against the same load
// without a backup (the "idle" figures), and the size of the write-ahead
// log when the copy ended.
func BenchmarkBackupSQLite(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	path := filepath.Join(dir, "shenpi.db")
	db, err := store.Open(ctx, path, "")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	fill(b, db, 100_000, 400)
	fi, _ := os.Stat(path)
	idle := commitLatencies(b, db, func() { time.Sleep(300 * time.Millisecond) })
	var during []time.Duration
	var wal int64
	n := 0
	for b.Loop() {
		dst := filepath.Join(dir, fmt.Sprintf("copy-%d.db", n))
		n++
		during = append(during, commitLatencies(b, db, func() {
			if err := store.BackupSQLite(ctx, path, dst); err != nil {
				b.Fatal(err)
			}
			if w, err := os.Stat(path + "-wal"); err == nil {
				wal = max(wal, w.Size())
			}
		})...)
		os.Remove(dst)
	}
	b.ReportMetric(float64(fi.Size())/1e6*float64(n)/b.Elapsed().Seconds(), "MB/s")
	report(b, "idle", idle)
	report(b, "backup", during)
	b.ReportMetric(float64(wal)/1e6, "wal-MB")
}

func fill(b *testing.B, db *store.DB, rows, size int) {
	ctx := context.Background()
	if _, err := db.Exec(ctx, `CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	body := strings.Repeat("x", size)
	for i := 0; i < rows; i += 1000 {
		err := db.Tx(ctx, func(tx *store.Tx) error {
			for j := range 1000 {
				if _, err := tx.Exec(ctx, `INSERT INTO bench_rows (id, body) VALUES (?, ?)`, i+j, body); err != nil {
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

// commitLatencies runs eight committing goroutines while do runs and
// returns how long each commit took.
func commitLatencies(b *testing.B, db *store.DB, do func()) []time.Duration {
	ctx := context.Background()
	var (
		mu   sync.Mutex
		lat  []time.Duration
		wg   sync.WaitGroup
		stop = make(chan struct{})
	)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				err := db.Tx(ctx, func(tx *store.Tx) error {
					_, err := tx.Exec(ctx, `UPDATE bench_rows SET body = ? WHERE id = ?`, fmt.Sprint(g, i), (g*7919+i*104729)%100_000)
					return err
				})
				if err != nil && err != sql.ErrNoRows {
					b.Error(err)
					return
				}
				mu.Lock()
				lat = append(lat, time.Since(start))
				mu.Unlock()
			}
		}()
	}
	do()
	close(stop)
	wg.Wait()
	return lat
}

func report(b *testing.B, name string, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, name+"-p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, name+"-max-ms")
}
