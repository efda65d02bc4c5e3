package seal

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A key file is text, one key a line, comments after #:
//
//	index <64 hex digits>        the HMAC-SM3 key of lookups
//	key <id> <32 hex digits>     an SM4 key; the last one listed seals
//
// To rotate, append a new key line and restart every server: new data is
// sealed under it, older data still opens under the keys that sealed it,
// and each server re-seals at start-up the rows that can be rewritten.

// LoadFile reads a key file. It refuses a file others may read.
func LoadFile(path string) (*Keys, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("seal: unable to read the key file: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("seal: the key file %s may be read by others (mode %v); chmod 600 it", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("seal: unable to read the key file: %w", err)
	}
	return parse(path, b)
}

func parse(path string, b []byte) (*Keys, error) {
	var (
		index []byte
		data  []Key
	)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		bad := func(why string) error { return fmt.Errorf("seal: %s line %d: %s", path, n, why) }
		switch {
		case len(f) == 0:
		case f[0] == "index" && len(f) == 2:
			k, err := hex.DecodeString(f[1])
			if err != nil || len(k) != 32 {
				return nil, bad("the index key must be 64 hex digits")
			}
			index = k
		case f[0] == "key" && len(f) == 3:
			k, err := hex.DecodeString(f[2])
			if err != nil || len(k) != 16 {
				return nil, bad("an SM4 key must be 32 hex digits")
			}
			data = append(data, Key{ID: f[1], Secret: k})
		default:
			return nil, bad(`expected "index HEX" or "key ID HEX"`)
		}
	}
	if index == nil {
		return nil, fmt.Errorf("seal: %s has no index key", path)
	}
	return New(index, data)
}

// CreateFile writes a new key file with fresh random keys, readable by its
// owner only, in a directory of its own it creates if need be. It never
// replaces a file.
func CreateFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("seal: unable to create the key directory: %w", err)
	}
	// The key's id is random, so that data sealed under another file's
	// key (a second server given a file of its own) is reported as such.
	index, key, id := make([]byte, 32), make([]byte, 16), make([]byte, 4)
	rand.Read(index)
	rand.Read(key)
	rand.Read(id)
	text := fmt.Sprintf(`# Shenpi's keys for personal data at rest (docs/operations.md, "Personal data at rest").
# Keep this file off the database server's backups and apart from the database:
# without it the sealed ID numbers, mobiles and forms cannot be read, by anyone.
# Lose it and they are lost; keep a copy where only those who run Shenpi can reach it.
index %s
key %s %s
`, hex.EncodeToString(index), hex.EncodeToString(id), hex.EncodeToString(key))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("seal: %s exists already", path)
	}
	if err != nil {
		return fmt.Errorf("seal: unable to create the key file: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("seal: unable to write the key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("seal: unable to write the key file: %w", err)
	}
	return f.Close()
}

// ForTests returns fixed keys for tests, which must not depend on a file.
func ForTests() *Keys {
	k, err := New(bytes.Repeat([]byte{7}, 32), []Key{{ID: "test", Secret: bytes.Repeat([]byte{9}, 16)}})
	if err != nil {
		panic(err)
	}
	return k
}
