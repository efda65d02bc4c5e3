package store

import (
	"context"
	"testing"
)

// TestWriteErrWhileTheDiskIsFull: while writes fail for lack of space, the
// database says it is not writable (issue 11 #8: /healthz said ok on a full
// disk); a write that fits clears it, and a write refused for another reason
// says nothing of the disk.
func TestWriteErrWhileTheDiskIsFull(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, fullDatabase(t), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.WriteErr(); err != nil {
		t.Fatalf("a fresh database: %v", err)
	}
	limitPages(t, db.write)
	if err := db.Tx(ctx, insertProbe("too large", 1<<20)); err == nil {
		t.Fatal("a write beyond the pages left succeeded")
	}
	if err := db.WriteErr(); err == nil {
		t.Fatal("a full database says it is writable")
	}
	if _, err := db.Exec(ctx, `INSERT INTO no_such_table VALUES (1)`); err == nil {
		t.Fatal("a write to no table succeeded")
	}
	if err := db.WriteErr(); err == nil {
		t.Fatal("a write refused for another reason cleared the full disk")
	}
	if err := db.Tx(ctx, insertProbe("small", 10)); err != nil {
		t.Fatal(err)
	}
	if err := db.WriteErr(); err != nil {
		t.Fatalf("a write that fitted left the database unwritable: %v", err)
	}
}
