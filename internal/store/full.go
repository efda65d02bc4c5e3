package store

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// SQLite's primary result codes for a store that cannot take what it is given.
const (
	sqliteIOErr = 10
	sqliteFull  = 13
)

// storageFailed reports whether err says the database could not store a
// write at all — SQLite's disk or database full or an I/O error, PostgreSQL's
// insufficient resources (class 53: disk full, out of memory) or I/O error —
// as opposed to a refusal of this write (a constraint) or a caller's error.
func storageFailed(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		code := se.Code() & 0xff
		return code == sqliteFull || code == sqliteIOErr
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "53") || pe.Code == "58030"
	}
	return false
}

// writeHealth remembers whether the last write failed for lack of storage,
// until a write succeeds again: while every write fails on a full disk, the
// database is up and readable but takes nothing, and /healthz must say so.
type writeHealth struct {
	failure atomic.Pointer[error]
}

// note records the outcome of one write transaction.
func (h *writeHealth) note(err error) {
	switch {
	case err == nil:
		h.failure.Store(nil)
	case storageFailed(err):
		h.failure.Store(&err)
	}
}

// err returns why the last write failed for lack of storage, or nil.
func (h *writeHealth) err() error {
	if p := h.failure.Load(); p != nil {
		return fmt.Errorf("store: the last write could not be stored: %w", *p)
	}
	return nil
}
