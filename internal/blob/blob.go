// Package blob keeps uploaded files (materials, samples, documents) on disk
// under the data directory, named by the SHA-256 of their content: a file
// is written once, atomically and durably, and never overwritten, so the
// same content uploaded twice is stored once and a stored file cannot be
// changed behind a record that names it.
package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
)

// Store is a directory of content-addressed files, or on PostgreSQL the
// files kept in the database (see OpenPostgres).
type Store struct {
	dir  string
	sync *syncer
	pg   *pgFiles // set: the files are in PostgreSQL, not under dir
}

// Open returns the store in dir, creating it with its 256 shard
// directories (by the first two hex digits of the hash) and a staging
// directory for files being written, so that writing a file never creates
// a directory and never locks the directory a concurrent write is syncing.
func Open(dir string) (*Store, error) {
	for i := 0; i < 256; i++ {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%02x", i)), 0o750); err != nil {
			return nil, fmt.Errorf("blob: unable to create %s: %w", dir, err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "staging"), 0o750); err != nil {
		return nil, fmt.Errorf("blob: unable to create %s: %w", dir, err)
	}
	sy, err := newSyncer(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	return &Store{dir: dir, sync: sy}, nil
}

var shaPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ErrNotFound is returned for a hash with no stored file.
var ErrNotFound = errors.New("blob: no such file")

func (s *Store) path(sha string) (string, error) {
	if !shaPattern.MatchString(sha) {
		return "", ErrNotFound
	}
	return filepath.Join(s.dir, sha[:2], sha), nil
}

// Put stores data and returns its SHA-256 in hex. It returns only when the
// file is on disk: written under the staging directory, renamed into its
// shard, and made durable by a file-system sync shared with concurrent
// Puts. A file a crash left short has the wrong size and is written again;
// no record can name it, since records commit only after Put returns.
func (s *Store) Put(data []byte) (string, error) {
	if s.pg != nil {
		sha, _, err := s.pg.putFrom(context.Background(), bytes.NewReader(data))
		return sha, err
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	p, _ := s.path(sha)
	if fi, err := os.Stat(p); err == nil && fi.Size() == int64(len(data)) {
		return sha, s.sync.wait() // it may be a concurrent Put's, not yet durable
	}
	tmp, err := os.CreateTemp(filepath.Join(s.dir, "staging"), "upload-*")
	if err != nil {
		return "", fmt.Errorf("blob: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("blob: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("blob: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return "", fmt.Errorf("blob: %w", err)
	}
	if err := s.sync.wait(); err != nil {
		return "", fmt.Errorf("blob: unable to sync: %w", err)
	}
	return sha, nil
}

// Get reads a stored file.
func (s *Store) Get(sha string) ([]byte, error) {
	if s.pg != nil {
		return s.getPostgres(sha)
	}
	p, err := s.path(sha)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotFound
	}
	return b, err
}

// Has tells whether a file is stored; a failure to look counts as not.
func (s *Store) Has(sha string) bool {
	if s.pg != nil {
		ok, err := s.pg.has(context.Background(), sha)
		return ok && err == nil
	}
	p, err := s.path(sha)
	if err != nil {
		return false
	}
	_, err = os.Stat(p)
	return err == nil
}

// Open returns a reader of a stored file and its size, for serving it
// without holding it whole in memory.
func (s *Store) Open(sha string) (io.ReadCloser, int64, error) {
	if !shaPattern.MatchString(sha) {
		return nil, 0, ErrNotFound
	}
	if s.pg != nil {
		return s.pg.open(context.Background(), sha)
	}
	p, _ := s.path(sha)
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, ErrNotFound
	}
	if err != nil {
		return nil, 0, fmt.Errorf("blob: unable to open %s: %w", sha, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("blob: unable to open %s: %w", sha, err)
	}
	return f, fi.Size(), nil
}

// getPostgres reads a file kept in PostgreSQL whole, for callers that
// want its bytes.
func (s *Store) getPostgres(sha string) ([]byte, error) {
	r, _, err := s.Open(sha)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}
