package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
)

// fullDatabase makes a SQLite database with a probe table and returns its
// path and a writer DSN; the caller limits the writer's pages (PRAGMA
// max_page_count) so that a large insert fails with SQLITE_FULL, which may
// make SQLite roll back the whole transaction by itself.
func fullDatabase(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "full.db")
	db, err := Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `CREATE TABLE probe (k TEXT, pad BLOB)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

// limitPages lets the writer grow the database by only a few pages.
func limitPages(t *testing.T, q interface {
	QueryRow(string, ...any) *sql.Row
	Exec(string, ...any) (sql.Result, error)
}) {
	t.Helper()
	var pages int
	if err := q.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+4)); err != nil {
		t.Fatal(err)
	}
}

func insertProbe(k string, size int) func(*Tx) error {
	return func(tx *Tx) error {
		_, err := tx.Exec(context.Background(), `INSERT INTO probe (k, pad) VALUES (?, zeroblob(?))`, k, size)
		return err
	}
}

// probeRows reads which keys are in the database, as a new connection sees it.
func probeRows(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := Open(context.Background(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(context.Background(), `SELECT k FROM probe`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		found[k] = true
	}
	return found
}

// TestFullDiskFailsTheBatchWhole: one function of a batch run in savepoints
// fills the disk and SQLite rolls the whole transaction back. The functions
// after it must not commit on their own (each SAVEPOINT outside a transaction
// begins one and its RELEASE commits it) while their callers are told the
// batch failed: whoever is told "failed" finds no row, whoever is told "done"
// finds theirs.
func TestFullDiskFailsTheBatchWhole(t *testing.T) {
	path := fullDatabase(t)
	b := driveBatcher(t, path)
	limitPages(t, b.db)
	refused := errors.New("refused")
	keys := []string{"refuses", "fills the disk", "small a", "small b"}
	batch := []*txRequest{
		// A failure first, so that the rest run again in savepoints.
		{ctx: context.Background(), fn: func(tx *Tx) error { return refused }},
		{ctx: context.Background(), fn: insertProbe(keys[1], 1<<20)},
		{ctx: context.Background(), fn: insertProbe(keys[2], 10)},
		{ctx: context.Background(), fn: insertProbe(keys[3], 10)},
	}
	results := b.commit(batch)
	found := probeRows(t, path)
	for i, k := range keys {
		switch {
		case results[i] == nil && !found[k]:
			t.Errorf("%q was told done, yet its row is missing", k)
		case results[i] != nil && found[k]:
			t.Errorf("%q was told %q, yet its row is in the database", k, results[i])
		}
	}
	if !errors.Is(results[0], refused) || results[1] == nil {
		t.Errorf("results %v: the refusal and the full disk must be their functions' own", results)
	}
}

// TestRefusedFunctionLeavesNothingAfterFullDisk: a function whose write fills
// the disk takes that failure for a row already there, goes on, writes again
// and then refuses. SQLite has rolled the transaction back, so its second
// write would run in autocommit and commit at once; it must not.
func TestRefusedFunctionLeavesNothingAfterFullDisk(t *testing.T) {
	ctx := context.Background()
	path := fullDatabase(t)
	db, err := Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	limitPages(t, db.write)
	refused := errors.New("refused")
	err = db.Tx(ctx, func(tx *Tx) error {
		insertProbe("fills the disk", 1<<20)(tx) // its error taken for "already there"
		if err := insertProbe("refused", 10)(tx); err != nil {
			return err
		}
		return refused
	})
	if err == nil {
		t.Fatal("the function refused, yet Tx reported success")
	}
	if found := probeRows(t, path); found["refused"] || found["fills the disk"] {
		t.Fatalf("Tx reported %q, yet the refused function's rows %v are in the database", err, found)
	}
}

// driveBatcher returns a batcher over a writer of its own on path, with no
// goroutines: the test calls its commit directly, so that the batch is known.
func driveBatcher(t *testing.T, path string) *batcher {
	t.Helper()
	w, guard, err := openWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return &batcher{db: w, guard: guard, stmts: stmtCache{kept: map[string]*sql.Stmt{}}}
}

// TestFailedSavepointFailsTheBatch: when a savepoint statement of the second
// run fails (here a function released its own savepoint, so the batcher's
// RELEASE finds none), no function of the batch is told done and nothing
// is committed.
func TestFailedSavepointFailsTheBatch(t *testing.T) {
	path := fullDatabase(t)
	b := driveBatcher(t, path)
	batch := []*txRequest{
		{ctx: context.Background(), fn: insertProbe("before", 10)},
		{ctx: context.Background(), fn: func(tx *Tx) error { return errors.New("refused") }},
		{ctx: context.Background(), fn: func(tx *Tx) error {
			if _, err := tx.Exec(context.Background(), `RELEASE caller`); err != nil {
				return err
			}
			return insertProbe("released", 10)(tx)
		}},
		{ctx: context.Background(), fn: insertProbe("after", 10)},
	}
	for i, err := range b.commit(batch) {
		if err == nil {
			t.Errorf("function %d was told done", i)
		}
	}
	if found := probeRows(t, path); len(found) != 0 {
		t.Fatalf("rows %v committed by a failed batch", found)
	}
}
