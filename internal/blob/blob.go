// Package blob keeps uploaded files (materials, samples, documents) on disk
// under the data directory, named by the SHA-256 of their content: a file
// is written once, atomically and durably, and never overwritten, so the
// same content uploaded twice is stored once and a stored file cannot be
// changed behind a record that names it.
package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// Store is a directory of content-addressed files.
type Store struct{ dir string }

// Open returns the store in dir, creating it.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("blob: unable to create %s: %w", dir, err)
	}
	return &Store{dir: dir}, nil
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
// file is on disk: written to a temporary name, synced, renamed into place
// and the directory synced.
func (s *Store) Put(data []byte) (string, error) {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	p, _ := s.path(sha)
	if _, err := os.Stat(p); err == nil {
		return sha, nil
	}
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("blob: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".upload-*")
	if err != nil {
		return "", fmt.Errorf("blob: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("blob: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("blob: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("blob: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return "", fmt.Errorf("blob: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return sha, nil
}

// Get reads a stored file.
func (s *Store) Get(sha string) ([]byte, error) {
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

// Has tells whether a file is stored.
func (s *Store) Has(sha string) bool {
	p, err := s.path(sha)
	if err != nil {
		return false
	}
	_, err = os.Stat(p)
	return err == nil
}
