package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"modernc.org/sqlite"
)

// Engine names the database behind a DB.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is Shenpi's database handle. Reads may run concurrently; writes go
// through Tx (and Exec), which on SQLite use the single writer connection.
type DB struct {
	engine Engine
	read   *sql.DB
	write  *sql.DB
	// where is a human-readable location without credentials, for logs.
	where string
	// batch gives SQLite group commit; nil on PostgreSQL.
	batch *batcher
	// committed wakes readers waiting for more (see Committed).
	committed *signal
	// attached is what Attach hung on the database (the event log's projectors).
	attached *attachment
	// writes says whether the last write failed for lack of storage (WriteErr).
	writes writeHealth
}

// Open connects to dsn. An empty dsn means the SQLite file shenpi.db under
// dataDir; a dsn starting with postgres:// or postgresql:// means PostgreSQL;
// anything else is taken as a SQLite file path (an optional "sqlite:" prefix
// is stripped). Migrations are applied before Open returns.
func Open(ctx context.Context, dsn, dataDir string, opts ...Option) (*DB, error) {
	var (
		db  *DB
		err error
		o   options
	)
	for _, opt := range opts {
		opt(&o)
	}
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db, err = openPostgres(dsn)
	default:
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			if dataDir == "" {
				dataDir = "data"
			}
			path = filepath.Join(dataDir, "shenpi.db")
		}
		db, err = openSQLite(path, o)
	}
	if err != nil {
		return nil, err
	}
	db.attached.keys = o.keys
	if err := db.read.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: unable to reach %s: %w", db.where, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func openSQLite(path string, o options) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("store: unable to create the data directory: %w", err)
	}
	write, guard, err := openWriter(path)
	if err != nil {
		return nil, err
	}
	read, err := sql.Open("sqlite", sqliteDSN(path)+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	read.SetMaxOpenConns(4)
	read.SetMaxIdleConns(4)
	// The writer must create the file and switch it to WAL before readers,
	// which are query_only, touch it.
	if _, err := write.Exec("SELECT 1"); err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	wal := newWALLog(path)
	sync := wal.sync
	if o.logSync != nil {
		sync = func() error { return o.logSync(wal.sync) }
	}
	committed, attached := &signal{}, new(attachment)
	return &DB{engine: SQLite, read: read, write: write, where: path, committed: committed, attached: attached,
		batch: newBatcher(write, guard, wal, sync, committed, attached)}, nil
}

func sqliteDSN(path string) string {
	// busy_timeout must come before journal_mode: switching to WAL may need to
	// wait for another process that has the file open. An acknowledged
	// government record must survive a power cut, yet synchronous is NORMAL:
	// the batcher syncs the log itself before it acknowledges a commit,
	// overlapping that wait with the next batch (see walLog); every write goes
	// through it. temp_store=MEMORY keeps the savepoint journals of group
	// commit off the disk: they only matter until the batch commits.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)"
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
}

// openWriter opens SQLite's one writer connection, watched by a txGuard.
func openWriter(path string) (*sql.DB, *txGuard, error) {
	conn, err := sqlite.NewConnector(sqliteDSN(path) + "&_txlock=immediate")
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	guard := &txGuard{}
	write := sql.OpenDB(guardedConnector{Connector: conn, guard: guard})
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	return write, guard, nil
}

// postgresPool is how many connections a server holds to PostgreSQL.
const postgresPool = 16

func openPostgres(dsn string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: unable to open PostgreSQL: %w", err)
	}
	// As many idle connections as open ones: a pool that may keep fewer
	// idle than it opens closes a connection each time a burst ends and
	// opens it again for the next (46 new connections in 10 s of load with
	// 8 idle of 16), each costing PostgreSQL a process and an
	// authentication. Idle connections are closed after a while instead.
	pool.SetMaxOpenConns(postgresPool)
	pool.SetMaxIdleConns(postgresPool)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	where := "PostgreSQL"
	if u, err := url.Parse(dsn); err == nil {
		where = "PostgreSQL at " + u.Host + u.Path
	}
	return &DB{engine: Postgres, read: pool, write: pool, where: where, committed: &signal{}, attached: new(attachment)}, nil
}

// Engine tells which database this is.
func (db *DB) Engine() Engine { return db.engine }

// Where describes the database location without credentials.
func (db *DB) Where() string { return db.where }

// Ping checks that the database answers, for /healthz.
func (db *DB) Ping(ctx context.Context) error {
	return db.read.PingContext(ctx)
}

// WriteErr returns why the database takes no writes, or nil while it takes
// them; for /healthz. On SQLite a failed sync of the log refuses every write
// until restart. On either engine, a last write that failed for lack of
// storage (a full disk, an I/O error) says the next will fail too, until one
// succeeds.
func (db *DB) WriteErr() error {
	if db.batch != nil {
		if err := db.batch.refused(); err != nil {
			return err
		}
	}
	return db.writes.err()
}

// PoolStats returns the figures of each connection pool, by name: "read"
// and "write" on SQLite, "pool" on PostgreSQL (one pool serves both), for
// /metrics.
func (db *DB) PoolStats() map[string]sql.DBStats {
	if db.write == db.read {
		return map[string]sql.DBStats{"pool": db.read.Stats()}
	}
	return map[string]sql.DBStats{"read": db.read.Stats(), "write": db.write.Stats()}
}

// Close releases both pools.
func (db *DB) Close() error {
	if db.batch != nil {
		db.batch.close()
	}
	if db.write == db.read {
		return db.read.Close()
	}
	return errors.Join(db.write.Close(), db.read.Close())
}
