package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Tx is a transaction on the writer. A state change and the events that
// record it are written through the same Tx, so they commit together.
type Tx struct {
	tx     *sql.Tx
	engine Engine
	// stmts holds the statements this group-commit batch has used, bound
	// to it, from cache, which keeps them across batches (SQLite; pgx
	// caches per connection itself).
	stmts    map[string]*sql.Stmt
	cache    *stmtCache
	hooks    []keyedHook // registered by the function now running (see Hook)
	ran      int         // how many of hooks have begun to run
	attached *attachment
}

// prepared returns the batch's statement for query, preparing it once.
// Statements of a batch run under context.WithoutCancel: the driver would
// watch every cancellable context with a goroutine of its own, and a
// function, once begun, runs to its end anyway (the batcher reports its
// true result after the commit, whatever became of the caller).
func (tx *Tx) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[query]; ok {
		return st, nil
	}
	st, err := tx.cache.inTx(ctx, tx.tx, query)
	if err != nil {
		return nil, err
	}
	tx.stmts[query] = st
	return st, nil
}

// Tx runs fn in a transaction, committing when fn returns nil and rolling
// back otherwise; when Tx returns nil the change is durable. fn must not
// keep the Tx after it returns, and must read and write only through the
// Tx: another Tx or a write through the DB waits for SQLite's one writer,
// and on PostgreSQL even a read through the DB needs a second pooled
// connection, which transactions queued behind this one may all hold.
// On SQLite concurrent calls share commits (see batcher), and fn may run
// twice, the first run rolled back, when another transaction of its batch
// fails: fn must have no effect but its writes through tx and the results
// it sets, each set afresh.
//
// When ctx carries a Claim not yet recorded, fn's transaction records it
// too (see Claim), so that a request's Idempotency-Key commits with the
// first change the request makes.
func (db *DB) Tx(ctx context.Context, fn func(*Tx) error) error {
	claim := claimOf(ctx)
	if claim == nil || claim.Recorded() {
		return db.tx(ctx, fn)
	}
	if err := db.tx(ctx, claim.recordAfter(ctx, fn)); err != nil {
		return err
	}
	claim.recorded.Store(true)
	return nil
}

func (db *DB) tx(ctx context.Context, fn func(*Tx) error) error {
	if runTwice {
		fn = twice(ctx, fn)
	}
	if db.batch != nil {
		err := db.batch.run(ctx, fn)
		db.writes.note(err)
		return err
	}
	err := db.ownTx(ctx, fn)
	db.writes.note(err)
	return err
}

// ownTx runs fn in a transaction of its own, on PostgreSQL.
func (db *DB) ownTx(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to begin a transaction: %w", err)
	}
	if err := runOrRollBack(&Tx{tx: sqlTx, engine: db.engine, attached: db.attached}, fn); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: unable to commit: %w", err)
	}
	db.committed.notify()
	return nil
}

// runOrRollBack runs fn and then the commit hooks it registered, turning a
// panic into an error so that the caller rolls back, as the batcher does.
func runOrRollBack(tx *Tx, fn func(*Tx) error) (err error) {
	tx.hooks, tx.ran = tx.hooks[:0], 0 // a batch's Tx carries the previous function's
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: transaction panicked: %v", p)
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.beforeCommit()
}

func (tx *Tx) Engine() Engine { return tx.engine }

func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if tx.stmts != nil {
		st, err := tx.prepared(ctx, query)
		if err != nil {
			return nil, err
		}
		return st.ExecContext(context.WithoutCancel(ctx), args...)
	}
	return tx.tx.ExecContext(ctx, rebind(tx.engine, query), args...)
}

func (tx *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if tx.stmts != nil {
		st, err := tx.prepared(ctx, query)
		if err != nil {
			return nil, err
		}
		return st.QueryContext(context.WithoutCancel(ctx), args...)
	}
	return tx.tx.QueryContext(ctx, rebind(tx.engine, query), args...)
}

func (tx *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if tx.stmts != nil {
		if st, err := tx.prepared(ctx, query); err == nil {
			return st.QueryRowContext(context.WithoutCancel(ctx), args...)
		}
	}
	return tx.tx.QueryRowContext(ctx, rebind(tx.engine, query), args...)
}

// Prepare makes a statement for repeated use inside the transaction.
func (tx *Tx) Prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	return tx.tx.PrepareContext(ctx, rebind(tx.engine, query))
}
