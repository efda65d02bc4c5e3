package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestWALLogFollowsTheLog: the batcher's sync finds the log SQLite writes, treats a log
// checkpointed away on close as durable, and follows SQLite to the new log it makes when
// the database opens again.
func TestWALLogFollowsTheLog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wal.db")
	write := func() *DB {
		db, err := Open(ctx, path, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `CREATE TABLE IF NOT EXISTS probe (n INTEGER)`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO probe (n) VALUES (1)`); err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := write()
	w := newWALLog(path)
	if err := w.sync(); err != nil || w.f == nil {
		t.Fatalf("sync of a live log: %v (file %v)", err, w.f)
	}
	first := w.fi
	db.Close()
	if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
		t.Skip("SQLite kept the log after the last close; nothing more to see")
	}
	if err := w.sync(); err != nil {
		t.Fatalf("sync with no log: %v", err)
	}
	db = write()
	defer db.Close()
	if err := w.sync(); err != nil {
		t.Fatal(err)
	}
	if os.SameFile(first, w.fi) {
		t.Fatal("sync kept the removed log open instead of the new one")
	}
	w.close()
}

// TestStatementsKeptAcrossBatches: a statement used in one batch is prepared once and
// kept for the following ones, and the cache stops growing at its bound.
func TestStatementsKeptAcrossBatches(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "stmts.db"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const insert = `INSERT INTO probe (n) VALUES (?)`
	if _, err := db.Exec(ctx, `CREATE TABLE probe (n INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := db.Exec(ctx, insert, i); err != nil {
			t.Fatal(err)
		}
	}
	// The writer goroutine owns the cache; a further transaction orders this read after
	// its keep step.
	var kept bool
	db.Tx(ctx, func(tx *Tx) error { _, kept = tx.cache.kept[insert]; return nil })
	if !kept {
		t.Fatal("the INSERT was not kept after its batch")
	}
	for i := range maxKeptStatements + 10 {
		if _, err := db.Exec(ctx, fmt.Sprintf("%s -- variant %d", insert, i), i); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	db.Tx(ctx, func(tx *Tx) error { n = len(tx.cache.kept); return nil })
	if n > maxKeptStatements {
		t.Fatalf("%d statements kept, bound %d", n, maxKeptStatements)
	}
}
