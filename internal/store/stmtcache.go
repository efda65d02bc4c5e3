package store

import (
	"context"
	"database/sql"
)

// stmtCache keeps the SQLite writer's prepared statements across
// group-commit batches, so that a statement is parsed once for the life of
// the connection rather than once per batch: parsing was an eighth of the
// writer's time. A statement first seen inside a batch is prepared for that
// batch alone (the one writer connection is busy with it) and kept once the
// batch has committed.
type stmtCache struct {
	kept   map[string]*sql.Stmt
	wanted []string
}

// maxKeptStatements bounds the cache: statements whose text varies with
// their row count (multi-row INSERTs) come in a few shapes each, but a
// caller building unbounded variants must not grow it without end.
const maxKeptStatements = 512

// inTx returns query prepared for tx: the kept statement bound to tx, or
// one prepared for tx alone and wanted for keeping.
func (c *stmtCache) inTx(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	if st, ok := c.kept[query]; ok {
		return tx.StmtContext(ctx, st), nil
	}
	st, err := tx.PrepareContext(ctx, query)
	if err == nil && len(c.kept)+len(c.wanted) < maxKeptStatements {
		c.wanted = append(c.wanted, query)
	}
	return st, err
}

// keep prepares the statements the last batch wanted on db, between batches
// while the writer connection is free. A statement that fails to prepare is
// simply not kept: the batch that used it already reported its error.
func (c *stmtCache) keep(db *sql.DB) {
	for _, q := range c.wanted {
		if _, ok := c.kept[q]; ok {
			continue
		}
		if st, err := db.Prepare(q); err == nil {
			c.kept[q] = st
		}
	}
	c.wanted = c.wanted[:0]
}

func (c *stmtCache) close() {
	for _, st := range c.kept {
		st.Close()
	}
	clear(c.kept)
}
