package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
)

// batcher gives SQLite group commit. SQLite has one writer and every
// durable commit waits for the disk, so instead of one sync per
// transaction the writer goroutine runs every transaction waiting at that
// moment inside one real transaction: a failing function undoes only its
// own work (see commit), and one commit — one sync of the log —
// acknowledges the batch. The sync runs on a goroutine of its own
// (see walLog), so the writer goes on with the next batch meanwhile. A
// function's result is reported only after its batch is on disk, so
// nothing is acknowledged that could be lost.
type batcher struct {
	db    *sql.DB
	guard *txGuard
	wal   *walLog
	sync  func() error // wal.sync, or a test's wrapper around it
	// refusal is set once a sync of the log has failed: from then on every
	// write is refused until restart (see syncLoop).
	refusal  atomic.Pointer[error]
	requests chan *txRequest
	synced   chan committed
	stop     chan struct{}
	stopped  chan struct{}
	stmts    stmtCache // used by the writer goroutine alone
	// begun numbers batches as the writer begins them, and durable is how
	// many are on disk (see DB.Synced); committed wakes readers after a sync.
	begun     atomic.Int64
	durable   watermark
	committed *signal
	attached  *attachment
}

type txRequest struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan error
}

// committed is a batch the writer has committed, waiting to be synced.
type committed struct {
	batch   []*txRequest
	results []error
	n       int64 // its number (see begun)
}

// maxBatch bounds how many transactions share one commit, so a burst does
// not hold the writer for long.
const maxBatch = 128

func newBatcher(db *sql.DB, guard *txGuard, wal *walLog, sync func() error, wake *signal, attached *attachment) *batcher {
	b := &batcher{db: db, guard: guard, wal: wal, sync: sync, committed: wake, attached: attached, requests: make(chan *txRequest),
		synced: make(chan committed, 64), stop: make(chan struct{}), stopped: make(chan struct{}),
		stmts: stmtCache{kept: map[string]*sql.Stmt{}}}
	go b.syncLoop()
	go b.loop()
	return b
}

func (b *batcher) run(ctx context.Context, fn func(*Tx) error) error {
	if err := b.refused(); err != nil {
		return err
	}
	req := &txRequest{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case b.requests <- req:
	case <-ctx.Done():
		return ctx.Err()
	case <-b.stopped:
		return refusal{errors.New("store: the database is closed")}
	}
	// Wait for the sync even if ctx ends meanwhile: the work may be durable.
	return <-req.done
}

// close stops taking transactions and returns once every committed batch
// has been synced and reported.
func (b *batcher) close() {
	close(b.stop)
	<-b.stopped
}

func (b *batcher) loop() {
	defer close(b.synced) // the sync loop drains what is left, then ends
	defer b.stmts.close()
	for {
		var batch []*txRequest
		select {
		case req := <-b.requests:
			batch = append(batch, req)
		case <-b.stop:
			return
		}
	gather:
		for len(batch) < maxBatch {
			select {
			case req := <-b.requests:
				batch = append(batch, req)
			default:
				break gather
			}
		}
		// Numbered before it begins, so a reader that saw its commit waits for it.
		n := b.begun.Add(1)
		b.synced <- committed{batch, b.commitUnlessRefused(batch), n}
		b.stmts.keep(b.db)
	}
}

// syncLoop makes committed batches durable, every batch waiting at the
// moment with one sync, and then reports their results.
func (b *batcher) syncLoop() {
	defer close(b.stopped)
	defer b.wal.close()
	for first := range b.synced {
		pending := []committed{first}
	gather:
		for {
			select {
			case c, ok := <-b.synced:
				if !ok {
					break gather
				}
				pending = append(pending, c)
			default:
				break gather
			}
		}
		err := b.syncOrRefuse()
		b.durable.advance(pending[len(pending)-1].n, err)
		b.committed.notify()
		for _, c := range pending {
			for i, req := range c.batch {
				if c.results[i] == nil {
					c.results[i] = err
				}
				req.done <- c.results[i]
			}
		}
	}
}

// syncOrRefuse syncs the log, unless an earlier sync failed.
//
// A failed sync leaves its batches committed but not known to be on disk:
// their callers are told, as a commit that may not survive a power cut.
// Nor can a later sync vouch for them: the kernel may have dropped the
// pages it failed to write and forgotten the error, so a later fdatasync
// succeeds over a hole. So the database refuses every write from then on,
// and reports every batch already committed after the failure as failed.
func (b *batcher) syncOrRefuse() error {
	if err := b.refused(); err != nil {
		return err
	}
	err := b.sync()
	if err != nil {
		err = refusal{fmt.Errorf("store: the database refuses writes until restart: %w", err)}
		b.refusal.Store(&err)
	}
	return err
}

// refused returns the error that stopped all writing, or nil.
func (b *batcher) refused() error {
	if err := b.refusal.Load(); err != nil {
		return *err
	}
	return nil
}

// commitUnlessRefused commits a batch, or fails each of its functions
// without running it once writing has stopped.
func (b *batcher) commitUnlessRefused(batch []*txRequest) []error {
	results := make([]error, len(batch))
	if err := b.refused(); err != nil {
		for i := range results {
			results[i] = err
		}
		return results
	}
	return b.commit(batch)
}

// commit runs a batch in one transaction and returns each result.
//
// The functions first run one after another with nothing between them: a
// savepoint around each costs two statements, a tenth of a flow
// transition. Should one fail, that transaction is rolled back, the failure
// is its function's result, and the others run again, each in a savepoint
// of its own so that a further failure undoes only its own writes. That is
// why DB.Tx may run a function twice.
//
// A batch never commits in part: should a savepoint fail, or SQLite roll
// the transaction back by itself during the second run (see txGuard), every
// function not yet failed gets the batch's error and nothing is committed.
func (b *batcher) commit(batch []*txRequest) []error {
	results := make([]error, len(batch))
	failed, err := b.runAll(batch, results, false)
	if err == nil && failed >= 0 {
		rest := append(batch[:failed:failed], batch[failed+1:]...)
		again := make([]error, len(rest))
		_, err = b.runAll(rest, again, true)
		copy(results, again[:failed])
		copy(results[failed+1:], again[failed:])
	}
	if err != nil {
		for i := range results {
			if results[i] == nil {
				results[i] = err
			}
		}
	}
	return results
}

// runAll runs batch in one transaction, filling results. Without savepoints
// it stops at the first function that fails, rolls back and returns its
// index; otherwise it returns -1 and the error of the transaction itself,
// if beginning it, a savepoint or committing it failed, or SQLite rolled it
// back.
func (b *batcher) runAll(batch []*txRequest, results []error, savepoints bool) (failed int, err error) {
	sqlTx, err := b.db.BeginTx(context.Background(), nil)
	if err != nil {
		return -1, fmt.Errorf("store: unable to begin a transaction: %w", err)
	}
	b.guard.begin()
	defer b.guard.end()
	tx := &Tx{tx: sqlTx, engine: SQLite, stmts: map[string]*sql.Stmt{}, cache: &b.stmts, attached: b.attached}
	for i, req := range batch {
		switch {
		case req.ctx.Err() != nil:
			results[i] = req.ctx.Err() // never begun, nothing to undo
		case savepoints:
			results[i], err = runInSavepoint(req.ctx, tx, req.fn)
			if err == nil && b.guard.rolledBack.Load() {
				err = fmt.Errorf("store: unable to commit: %w", errRolledBack)
			}
			if err != nil {
				sqlTx.Rollback()
				return -1, err
			}
		default:
			results[i] = runOrRollBack(tx, req.fn)
			if results[i] == nil && b.guard.rolledBack.Load() {
				results[i] = errRolledBack // the function took the failure for its own
			}
			if results[i] != nil {
				sqlTx.Rollback()
				return i, nil
			}
		}
	}
	b.guard.committing.Store(true)
	if err := sqlTx.Commit(); err != nil {
		return -1, fmt.Errorf("store: unable to commit: %w", err)
	}
	return -1, nil
}

// runInSavepoint runs one caller's function so that its failure, or its
// panic, undoes only its own writes: its result is fnErr. A failure of the
// savepoint statements themselves is txErr: the batch's transaction can no
// longer be trusted.
func runInSavepoint(ctx context.Context, tx *Tx, fn func(*Tx) error) (fnErr, txErr error) {
	// Through tx.Exec, so that these are prepared once too; under a context
	// that has not ended, to undo even if the caller's has.
	bg := context.WithoutCancel(ctx)
	if _, err := tx.Exec(bg, `SAVEPOINT caller`); err != nil {
		return nil, fmt.Errorf("store: unable to begin a savepoint: %w", err)
	}
	fnErr = runOrRollBack(tx, fn)
	if fnErr != nil {
		if _, err := tx.Exec(bg, `ROLLBACK TO caller`); err != nil {
			return fnErr, fmt.Errorf("store: unable to roll back a savepoint: %w", err)
		}
	}
	if _, err := tx.Exec(bg, `RELEASE caller`); err != nil {
		return fnErr, fmt.Errorf("store: unable to release a savepoint: %w", err)
	}
	return fnErr, nil
}
