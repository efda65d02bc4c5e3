package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// Unavailable reports whether err says the database could not do its part
// — PostgreSQL unreachable or shutting down, a connection lost, the pool
// closed, SQLite's file busy, full or failing — rather than that a query was
// wrong. The web answers such a failure 503 (try again later), not 500 (a
// fault of ours), and never mistakes it for a missing row: a request with a
// valid token during an outage must not look like one with a bad token.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, new(refusal)) {
		return true
	}
	// database/sql does not export the error of a closed pool.
	if strings.Contains(err.Error(), "sql: database is closed") {
		return true
	}
	var (
		connect *pgconn.ConnectError
		netErr  net.Error
		pgErr   *pgconn.PgError
		liteErr *sqlite.Error
	)
	switch {
	case errors.As(err, &connect), errors.As(err, &netErr):
		return true
	case errors.As(err, &pgErr):
		// Class 08 is a connection exception; 53 insufficient resources
		// (disk full, too many connections); 57P01-03 the server shutting
		// down or starting up.
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "53") ||
			pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	case errors.As(err, &liteErr):
		switch liteErr.Code() & 0xff {
		case 5, 6, 7, 8, 10, 13, 14: // BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN
			return true
		}
	}
	return pgconn.SafeToRetry(err) || pgconn.Timeout(err)
}

// refusal marks the store's own refusals: writes stopped after a failed
// sync, or a closed database.
type refusal struct{ error }

func (r refusal) Unwrap() error { return r.error }
