package store

import "github.com/shenpi/shenpi/internal/seal"

// Option changes how Open opens a database.
type Option func(*options)

type options struct {
	logSync func(sync func() error) error
	keys    *seal.Keys
}

// WithKeys gives the keys personal data is sealed under (internal/seal);
// the domains reach them through DB.Keys and Tx.Keys at their storage
// boundary.
func WithKeys(k *seal.Keys) Option {
	return func(o *options) { o.keys = k }
}

// WithLogSync makes SQLite's batcher sync its write-ahead log through wrap,
// which is given the real sync and returns what stands for its result: a
// test holds a sync back or makes it fail. PostgreSQL ignores it.
func WithLogSync(wrap func(sync func() error) error) Option {
	return func(o *options) { o.logSync = wrap }
}
