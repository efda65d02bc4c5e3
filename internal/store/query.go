package store

import (
	"context"
	"database/sql"
	"errors"
	"github.com/shenpi/shenpi/internal/seal"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrNotFound is returned by domain queries when a row does not exist.
var ErrNotFound = errors.New("not found")

// Querier is what both DB and Tx offer, so a domain function can run inside
// or outside a transaction.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Engine() Engine
	Keys() *seal.Keys
}

var rebound sync.Map // query with ? → query with $n

// rebind turns ? placeholders into $1, $2… for PostgreSQL. Queries are
// constants, so the result is cached.
func rebind(engine Engine, query string) string {
	if engine != Postgres || !strings.Contains(query, "?") {
		return query
	}
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	n := 0
	inString := false
	for _, r := range query {
		switch {
		case r == '\'':
			inString = !inString
			b.WriteRune(r)
		case r == '?' && !inString:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteRune(r)
		}
	}
	q := b.String()
	rebound.Store(query, q)
	return q
}

// Exec runs a write outside an explicit transaction. On SQLite it is a
// transaction of its own all the same, so that it shares a commit and is
// durable when Exec returns (see batcher).
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if db.batch == nil {
		res, err := db.write.ExecContext(ctx, rebind(db.engine, query), args...)
		db.writes.note(err)
		return res, err
	}
	var res sql.Result
	err := db.Tx(ctx, func(tx *Tx) error {
		var err error
		res, err = tx.Exec(ctx, query, args...)
		return err
	})
	return res, err
}

// Query runs a read on the reader pool.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.read.QueryContext(ctx, rebind(db.engine, query), args...)
}

// QueryRow runs a single-row read on the reader pool.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, rebind(db.engine, query), args...)
}

// IsUniqueViolation reports whether err is a unique-constraint failure on
// either engine, so callers can turn it into a "already exists" message.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "constraint failed: UNIQUE")
}
