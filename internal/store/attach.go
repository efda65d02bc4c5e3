package store

import (
	"sync/atomic"

	"github.com/shenpi/shenpi/internal/seal"
)

// attachment is the one value a package above the store hangs on a DB
// and reads back from every transaction of it, shared by the DB, its
// batcher and each Tx so that reading it costs a pointer and an atomic load.
// It also carries the keys personal data is sealed under (WithKeys).
type attachment struct {
	v    atomic.Value
	keys *seal.Keys
}

// Attach hangs v on the database, for the package that owns it to read back
// from any transaction on it (Tx.Attached). The event log keeps its
// projectors there, so every append on this database runs them, whichever
// domain value made it. Call it at start-up, before the first transaction;
// v's type must not change once set.
func (db *DB) Attach(v any) { db.attached.v.Store(v) }

// Attached is the value hung on the transaction's database by Attach, or nil.
func (tx *Tx) Attached() any {
	if tx.attached == nil {
		return nil
	}
	return tx.attached.v.Load()
}

// Keys are the keys personal data on this database is sealed under
// (WithKeys), nil when none were given: sealing then fails, so nothing
// personal is ever written in the clear by mistake.
func (db *DB) Keys() *seal.Keys { return db.attached.keys }

// Keys are the keys of the transaction's database (DB.Keys).
func (tx *Tx) Keys() *seal.Keys {
	if tx.attached == nil {
		return nil
	}
	return tx.attached.keys
}
