package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
)

// heldSync opens a SQLite database whose log syncs go through hold once
// armed, so that a test decides when and how a sync ends.
func heldSync(t *testing.T, hold func(sync func() error) error) (*store.DB, *atomic.Bool) {
	t.Helper()
	var armed atomic.Bool
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sync.db"), "",
		store.WithLogSync(func(sync func() error) error {
			if armed.Load() {
				return hold(sync)
			}
			return sync()
		}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(context.Background(), `CREATE TABLE probe (k TEXT)`); err != nil {
		t.Fatal(err)
	}
	armed.Store(true)
	return db, &armed
}

// TestResultIsReportedAfterTheSync: a transaction's caller hears of its
// commit only once the sync of the log that holds it has returned.
func TestResultIsReportedAfterTheSync(t *testing.T) {
	ctx := context.Background()
	syncing, release := make(chan struct{}), make(chan struct{})
	var synced atomic.Bool
	db, _ := heldSync(t, func(sync func() error) error {
		syncing <- struct{}{}
		<-release
		err := sync()
		synced.Store(err == nil)
		return err
	})
	reported := make(chan bool)
	go func() {
		_, err := db.Exec(ctx, `INSERT INTO probe (k) VALUES ('held')`)
		reported <- err == nil && synced.Load()
	}()
	<-syncing // the batch is committed, its sync begun and held
	close(release)
	if !<-reported {
		t.Fatal("the caller was told of the commit before its log was synced")
	}
}

// TestFailedSyncRefusesLaterWrites: once a sync of the log has failed, the
// batch it held is reported as failed, and every later write is refused
// without being run, even when syncs would succeed again; reads go on.
func TestFailedSyncRefusesLaterWrites(t *testing.T) {
	ctx := context.Background()
	var failing atomic.Bool
	failing.Store(true)
	eio := errors.New("input/output error")
	db, _ := heldSync(t, func(sync func() error) error {
		if failing.Load() {
			return eio
		}
		return sync()
	})
	if db.WriteErr() != nil {
		t.Fatalf("a fresh database refuses writes: %v", db.WriteErr())
	}
	if _, err := db.Exec(ctx, `INSERT INTO probe (k) VALUES ('unsynced')`); !errors.Is(err, eio) {
		t.Fatalf("a write whose sync failed reported %v", err)
	}
	if !errors.Is(db.WriteErr(), eio) {
		t.Fatalf("after a failed sync WriteErr is %v", db.WriteErr())
	}
	failing.Store(false)
	ran := false
	err := db.Tx(ctx, func(tx *store.Tx) error {
		ran = true
		_, err := tx.Exec(ctx, `INSERT INTO probe (k) VALUES ('later')`)
		return err
	})
	if err == nil || ran {
		t.Fatalf("a write after the failed sync was run (%v) and reported %v", ran, err)
	}
	var n int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM probe WHERE k = 'later'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("reading after the failed sync: %d rows, %v", n, err)
	}
}
