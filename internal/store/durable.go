package store

import (
	"context"
	"fmt"
	"sync"
)

// Synced returns once every transaction committed before the call is on
// disk. On SQLite a commit is visible to readers a moment before the
// batcher has synced the write-ahead log (see walLog), and a power cut in
// that moment undoes it: a reader that acts on what it read elsewhere (a
// consumer of the log) reads how far the log goes, then waits here, then
// reads no further than that. On PostgreSQL a commit is visible only once
// it is durable, and Synced returns at once.
func (db *DB) Synced(ctx context.Context) error {
	if db.batch == nil {
		return nil
	}
	return db.batch.durable.wait(ctx, db.batch.begun.Load(), db.batch.stopped)
}

// Committed returns a channel closed when a transaction of this process
// next commits (on SQLite, once its batch is synced), for a reader that
// waits for more to read. Take it before reading, so that a commit in
// between is not missed.
func (db *DB) Committed() <-chan struct{} { return db.committed.next() }

// signal wakes every goroutine waiting on it at once.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

func (s *signal) next() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

func (s *signal) notify() {
	s.mu.Lock()
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
	s.mu.Unlock()
}

// watermark is how many of the writer's batches, numbered as they begin,
// are on disk, and the sync error that stopped it, if one did.
type watermark struct {
	mu     sync.Mutex
	synced int64
	err    error
	moved  signal
}

// advance records that every batch up to n is on disk, or that the sync
// of the batches after the last recorded one failed.
func (w *watermark) advance(n int64, err error) {
	w.mu.Lock()
	if err != nil && w.err == nil {
		w.err = err
	}
	if err == nil && n > w.synced {
		w.synced = n
	}
	w.mu.Unlock()
	w.moved.notify()
}

// wait returns once batch n is on disk.
func (w *watermark) wait(ctx context.Context, n int64, stopped <-chan struct{}) error {
	for {
		moved := w.moved.next()
		w.mu.Lock()
		synced, err := w.synced, w.err
		w.mu.Unlock()
		switch {
		case synced >= n:
			return nil
		case err != nil:
			return fmt.Errorf("store: unable to wait for the log to be on disk: %w", err)
		}
		select {
		case <-moved:
		case <-ctx.Done():
			return ctx.Err()
		case <-stopped:
			return fmt.Errorf("store: the database is closed")
		}
	}
}
