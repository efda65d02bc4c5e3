package store_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// TestSyncedWaitsForTheLog: Synced returns only once every transaction
// committed before it is on disk; while a sync is held it waits (here, until
// its context ends), and after a failed sync it fails.
func TestSyncedWaitsForTheLog(t *testing.T) {
	ctx := context.Background()
	syncing, release := make(chan struct{}), make(chan struct{})
	fail := errors.New("disk gone")
	var synced, failing atomic.Bool
	done := make(chan struct{}) // a failed test lets every held sync go
	db, _ := heldSync(t, func(sync func() error) error {
		select {
		case syncing <- struct{}{}:
		case <-done:
		}
		select {
		case <-release:
		case <-done:
		}
		if failing.Load() {
			return fail
		}
		err := sync()
		synced.Store(err == nil)
		return err
	})
	t.Cleanup(func() { close(done) }) // before heldSync's, which closes db
	woken := db.Committed()
	inserted := make(chan error)
	go func() {
		_, err := db.Exec(ctx, `INSERT INTO probe (k) VALUES ('held')`)
		inserted <- err
	}()
	<-syncing // committed, visible, not yet on disk
	ended, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.Synced(ended); !errors.Is(err, context.Canceled) {
		t.Fatalf("Synced with a sync held returned %v, want it to wait", err)
	}
	select {
	case <-woken:
		t.Fatal("readers were woken before the commit was on disk")
	default:
	}
	waited := make(chan bool)
	go func() { waited <- db.Synced(ctx) == nil && synced.Load() }()
	release <- struct{}{}
	if !<-waited {
		t.Fatal("Synced returned before the sync")
	}
	<-woken
	if err := <-inserted; err != nil {
		t.Fatal(err)
	}

	failing.Store(true)
	go func() {
		_, err := db.Exec(ctx, `INSERT INTO probe (k) VALUES ('lost')`)
		inserted <- err
	}()
	<-syncing
	release <- struct{}{}
	if err := <-inserted; err == nil {
		t.Fatal("a commit whose sync failed was reported as durable")
	}
	if err := db.Synced(ctx); !errors.Is(err, fail) {
		t.Fatalf("Synced after a failed sync: %v, want the failure", err)
	}
}
