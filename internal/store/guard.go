package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync/atomic"

	"modernc.org/sqlite"
)

// txGuard watches the SQLite writer's transactions on the batcher's behalf.
//
// On a full disk, an I/O error or a failed allocation SQLite may roll the
// whole transaction back by itself and carry on in autocommit mode. A
// batch's later statements would then each commit at once, and a
// SAVEPOINT would begin a new transaction that its RELEASE commits: part of
// a batch durable while its callers are told it failed. So while a batch is
// open the guard vetoes every commit but the batcher's own COMMIT (SQLite's
// commit hook turns a vetoed commit into a rollback), and it records any
// rollback, which tells the batcher that the work done so far is gone.
type txGuard struct {
	open       atomic.Bool // a batch's transaction is open
	committing atomic.Bool // the batcher is committing it
	rolledBack atomic.Bool // a rollback happened since the batch began
}

// errRolledBack is the result of a function during which SQLite rolled the
// batch's transaction back by itself.
var errRolledBack = errors.New("store: the database rolled the transaction back (disk full, I/O error or out of memory)")

// begin arms the guard for a batch whose transaction has just begun.
func (g *txGuard) begin() {
	g.rolledBack.Store(false)
	g.committing.Store(false)
	g.open.Store(true)
}

// end disarms it once the batch has committed or rolled back.
func (g *txGuard) end() { g.open.Store(false) }

// onCommit is SQLite's commit hook: non-zero turns the commit into a rollback.
func (g *txGuard) onCommit() int32 {
	if g.open.Load() && !g.committing.Load() {
		return 1
	}
	return 0
}

func (g *txGuard) onRollback() { g.rolledBack.Store(true) }

// guardedConnector opens writer connections with the guard's hooks set.
type guardedConnector struct {
	driver.Connector
	guard *txGuard
}

func (c guardedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	hooks, ok := conn.(sqlite.HookRegisterer)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("store: unable to watch transactions: the SQLite driver offers no hooks")
	}
	hooks.RegisterCommitHook(c.guard.onCommit)
	hooks.RegisterRollbackHook(c.guard.onRollback)
	return conn, nil
}
