package blob

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// On PostgreSQL files are kept in the database, so that every server on it
// reads every file: a file uploaded to one node and named in a case
// submitted on another must be there for the second to check and serve.
// A file is stored in chunks, one statement each, as it arrives: never held
// whole in memory, and no connection held in a transaction while a slow
// client sends it. Its chunks belong to an upload until the last has come
// and the content's hash is known; then one short transaction names them
// by it, or drops them if another upload stored the same content first.

// chunkSize bounds the memory one file costs while it is stored or read.
const chunkSize = 1 << 20

// abandonedAfter is how long chunks of an upload that never finished (its
// server killed, say) are kept before they are swept.
const abandonedAfter = 24 * time.Hour

// pgFiles is the file store in a PostgreSQL database (migration 0220).
type pgFiles struct {
	db *store.DB
}

// OpenPostgres returns the store of files kept in db, and sweeps the
// chunks of uploads abandoned more than a day ago.
func OpenPostgres(ctx context.Context, db *store.DB) (*Store, error) {
	if db.Engine() != store.Postgres {
		return nil, errors.New("blob: files are kept in the database only on PostgreSQL")
	}
	f := &pgFiles{db: db}
	if err := f.sweep(ctx, time.Now().Add(-abandonedAfter)); err != nil {
		return nil, err
	}
	return &Store{pg: f}, nil
}

// putFrom stores what r yields and returns its SHA-256 and size. An error
// from r stores nothing.
func (f *pgFiles) putFrom(ctx context.Context, r io.Reader) (string, int64, error) {
	var b [16]byte
	rand.Read(b[:])
	upload := "upload-" + hex.EncodeToString(b[:])
	if _, err := f.db.Exec(ctx, `INSERT INTO blob_uploads (id, started_at) VALUES (?, ?)`, upload, store.Micros(time.Now())); err != nil {
		return "", 0, fmt.Errorf("blob: unable to start storing a file: %w", err)
	}
	sha, size, err := f.chunks(ctx, upload, r)
	if err != nil {
		f.drop(ctx, upload)
		return "", size, err
	}
	err = f.db.Tx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
			sha, size, store.Micros(time.Now()))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			_, err = tx.Exec(ctx, `UPDATE blob_chunks SET owner = ? WHERE owner = ?`, sha, upload)
		} else { // the same content was stored before: keep that copy
			_, err = tx.Exec(ctx, `DELETE FROM blob_chunks WHERE owner = ?`, upload)
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM blob_uploads WHERE id = ?`, upload)
		return err
	})
	if err != nil {
		f.drop(ctx, upload)
		return "", size, fmt.Errorf("blob: unable to store a file: %w", err)
	}
	return sha, size, nil
}

// chunks writes r under upload, chunk by chunk, hashing it on the way.
func (f *pgFiles) chunks(ctx context.Context, upload string, r io.Reader) (string, int64, error) {
	h := sha256.New()
	buf := make([]byte, chunkSize)
	var size int64
	for n := 0; ; n++ {
		got, err := io.ReadFull(r, buf)
		if got > 0 {
			h.Write(buf[:got])
			size += int64(got)
			if _, err := f.db.Exec(ctx, `INSERT INTO blob_chunks (owner, n, data) VALUES (?, ?, ?)`, upload, n, buf[:got]); err != nil {
				return "", size, fmt.Errorf("blob: unable to store a file: %w", err)
			}
		}
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return hex.EncodeToString(h.Sum(nil)), size, nil
		case err != nil:
			return "", size, fmt.Errorf("blob: unable to store a file: %w", err) // errors.Is finds the reader's
		}
	}
}

// drop removes what an upload that failed had stored; what it leaves (the
// database gone meanwhile) is swept later.
func (f *pgFiles) drop(ctx context.Context, upload string) {
	f.db.Tx(context.WithoutCancel(ctx), func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM blob_chunks WHERE owner = ?`, upload); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM blob_uploads WHERE id = ?`, upload)
		return err
	})
}

// sweep removes the chunks of uploads started before cutoff.
func (f *pgFiles) sweep(ctx context.Context, cutoff time.Time) error {
	err := f.db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM blob_chunks WHERE owner IN (SELECT id FROM blob_uploads WHERE started_at < ?)`, store.Micros(cutoff)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM blob_uploads WHERE started_at < ?`, store.Micros(cutoff))
		return err
	})
	if err != nil {
		return fmt.Errorf("blob: unable to sweep abandoned uploads: %w", err)
	}
	return nil
}

// has tells whether a file is stored.
func (f *pgFiles) has(ctx context.Context, sha string) (bool, error) {
	var one int
	err := f.db.QueryRow(ctx, `SELECT 1 FROM blobs WHERE sha256 = ?`, sha).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("blob: unable to look for a file: %w", err)
	}
	return true, nil
}

// open returns a reader of a stored file that fetches one chunk at a time.
func (f *pgFiles) open(ctx context.Context, sha string) (io.ReadCloser, int64, error) {
	var size int64
	err := f.db.QueryRow(ctx, `SELECT size FROM blobs WHERE sha256 = ?`, sha).Scan(&size)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrNotFound
	}
	if err != nil {
		return nil, 0, fmt.Errorf("blob: unable to open a file: %w", err)
	}
	return &chunkReader{ctx: ctx, f: f, sha: sha, left: size}, size, nil
}

// chunkReader reads a file stored in chunks, in order.
type chunkReader struct {
	ctx  context.Context
	f    *pgFiles
	sha  string
	next int
	buf  []byte
	left int64 // bytes of the file not yet fetched
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.buf) == 0 {
		if c.left == 0 {
			return 0, io.EOF
		}
		var data []byte
		err := c.f.db.QueryRow(c.ctx, `SELECT data FROM blob_chunks WHERE owner = ? AND n = ?`, c.sha, c.next).Scan(&data)
		if err != nil {
			return 0, fmt.Errorf("blob: unable to read chunk %d of %s: %w", c.next, c.sha, err)
		}
		c.next++
		c.left -= int64(len(data))
		c.buf = data
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

func (c *chunkReader) Close() error { return nil }

// Missing returns those of shas that are not stored, reading through q —
// inside the caller's transaction on PostgreSQL, which must not wait for a
// second connection of the pool while it holds one.
func (s *Store) Missing(ctx context.Context, q store.Querier, shas []string) ([]string, error) {
	var missing []string
	for _, sha := range shas {
		ok := shaPattern.MatchString(sha)
		if ok && s.pg != nil {
			var one int
			err := q.QueryRow(ctx, `SELECT 1 FROM blobs WHERE sha256 = ?`, sha).Scan(&one)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("blob: unable to look for a file: %w", err)
			}
			ok = err == nil
		} else if ok {
			ok = s.Has(sha)
		}
		if !ok {
			missing = append(missing, sha)
		}
	}
	return missing, nil
}

// ImportDir copies into the database the files under dir — the file
// directory of a server that kept them on disk before — that it does not
// hold yet, and returns how many it copied. Each is checked against its
// name as it is read.
func (s *Store) ImportDir(ctx context.Context, dir string) (int, error) {
	if s.pg == nil {
		return 0, errors.New("blob: only files kept in PostgreSQL import a directory")
	}
	shards, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("blob: unable to read %s: %w", dir, err)
	}
	copied := 0
	for _, shard := range shards {
		names, err := os.ReadDir(filepath.Join(dir, shard.Name()))
		if err != nil || shard.Name() == "staging" {
			continue
		}
		for _, n := range names {
			sha := n.Name()
			if !shaPattern.MatchString(sha) || sha[:2] != shard.Name() {
				continue
			}
			if ok, err := s.pg.has(ctx, sha); err != nil || ok {
				if err != nil {
					return copied, err
				}
				continue
			}
			if err := s.importFile(ctx, filepath.Join(dir, shard.Name(), sha), sha); err != nil {
				return copied, err
			}
			copied++
		}
	}
	return copied, nil
}

func (s *Store) importFile(ctx context.Context, path, sha string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("blob: unable to import %s: %w", path, err)
	}
	defer f.Close()
	got, _, err := s.pg.putFrom(ctx, f)
	if err != nil {
		return err
	}
	if got != sha {
		return fmt.Errorf("blob: %s does not hold what its name says (its content is %s)", path, got)
	}
	return nil
}
