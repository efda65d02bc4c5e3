package store

import (
	"context"
	"database/sql"
	"fmt"
)

// batcher gives SQLite group commit. SQLite has one writer and every
// commit waits for the disk (synchronous=FULL), so instead of one fsync per
// transaction the writer goroutine runs every transaction waiting at that
// moment inside one real transaction, each in its own savepoint: a failing
// function rolls back only its own work, and one commit — one fsync —
// acknowledges the batch. A function's result is reported only after the
// batch has committed, so nothing is acknowledged that could be lost.
type batcher struct {
	db       *sql.DB
	engine   Engine
	requests chan *txRequest
	stop     chan struct{}
	stopped  chan struct{}
}

type txRequest struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan error
}

// maxBatch bounds how many transactions share one commit, so a burst does
// not hold the writer for long.
const maxBatch = 128

func newBatcher(db *sql.DB, engine Engine) *batcher {
	b := &batcher{db: db, engine: engine, requests: make(chan *txRequest), stop: make(chan struct{}), stopped: make(chan struct{})}
	go b.loop()
	return b
}

func (b *batcher) run(ctx context.Context, fn func(*Tx) error) error {
	req := &txRequest{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case b.requests <- req:
	case <-ctx.Done():
		return ctx.Err()
	case <-b.stopped:
		return fmt.Errorf("store: the database is closed")
	}
	// Wait for the commit even if ctx ends meanwhile: the work may be durable.
	return <-req.done
}

func (b *batcher) close() {
	close(b.stop)
	<-b.stopped
}

func (b *batcher) loop() {
	defer close(b.stopped)
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
		b.commit(batch)
	}
}

// commit runs a batch in one transaction and reports each result.
func (b *batcher) commit(batch []*txRequest) {
	results := make([]error, len(batch))
	report := func() {
		for i, req := range batch {
			req.done <- results[i]
		}
	}
	sqlTx, err := b.db.BeginTx(context.Background(), nil)
	if err != nil {
		for i := range results {
			results[i] = fmt.Errorf("store: unable to begin a transaction: %w", err)
		}
		report()
		return
	}
	tx := &Tx{tx: sqlTx, engine: b.engine, stmts: map[string]*sql.Stmt{}}
	for i, req := range batch {
		results[i] = runInSavepoint(req.ctx, tx, req.fn)
	}
	if err := sqlTx.Commit(); err != nil {
		for i := range results {
			if results[i] == nil {
				results[i] = fmt.Errorf("store: unable to commit: %w", err)
			}
		}
	}
	report()
}

// runInSavepoint runs one caller's function so that its failure, or its
// panic, undoes only its own writes.
func runInSavepoint(ctx context.Context, tx *Tx, fn func(*Tx) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	// Through tx.Exec, so that the batch prepares these once too.
	if _, err := tx.Exec(ctx, `SAVEPOINT caller`); err != nil {
		return fmt.Errorf("store: unable to begin a transaction: %w", err)
	}
	defer func() {
		bg := context.Background() // undo even if the caller's ctx has ended
		if err != nil {
			tx.Exec(bg, `ROLLBACK TO caller`)
		}
		tx.Exec(bg, `RELEASE caller`)
	}()
	return runOrRollBack(tx, fn)
}
