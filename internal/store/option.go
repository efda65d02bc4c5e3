package store

// Option changes how Open opens a database.
type Option func(*options)

type options struct {
	logSync func(sync func() error) error
}

// WithLogSync makes SQLite's batcher sync its write-ahead log through wrap,
// which is given the real sync and returns what stands for its result: a
// test holds a sync back or makes it fail. PostgreSQL ignores it.
func WithLogSync(wrap func(sync func() error) error) Option {
	return func(o *options) { o.logSync = wrap }
}
