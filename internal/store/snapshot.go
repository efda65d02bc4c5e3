package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Snapshot runs fn in a read-only transaction that sees one consistent
// state of the database for all its statements, however long it takes and
// whatever commits meanwhile: a check that reads several tables (the event
// log against its heads) must not see a write land between two of its reads.
// On SQLite it holds a reader connection (WAL keeps its snapshot); on
// PostgreSQL it is REPEATABLE READ. fn must not write.
func (db *DB) Snapshot(ctx context.Context, fn func(*Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.engine == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	sqlTx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: unable to begin a snapshot: %w", err)
	}
	defer sqlTx.Rollback()
	return runOrRollBack(&Tx{tx: sqlTx, engine: db.engine, attached: db.attached}, fn)
}
