package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/shenpi/shenpi/internal/seal"
)

// ensureKeyFile creates the key file on a first `serve` that has none,
// saying loudly where it is and what it is for: the server must not start
// without keys, and an operator must learn on day one to keep the file off
// the backups and away from the data.
func ensureKeyFile(dbf *dbFlags, stderr io.Writer) error {
	path := dbf.keyPath()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	abs, _ := filepath.Abs(path)
	if data, _ := filepath.Abs(dbf.data); strings.HasPrefix(abs, data+string(filepath.Separator)) {
		return fmt.Errorf("the key file %s is inside the data directory %s, so every copy of the data would carry it; choose another --key-file", abs, data)
	}
	if err := seal.CreateFile(path); err != nil {
		return err
	}
	fmt.Fprintf(stderr, `
*** A NEW KEY FILE WAS CREATED: %s
*** Resident ID numbers, mobiles and application forms are sealed under it.
*** Without it they cannot be read — keep a copy somewhere safe, NOT with the
*** database backups, and give every server the same file (--key-file).

`, abs)
	return nil
}

// sealStored seals personal data stored before it was sealed, or under an
// older key than the current one (after a rotation), at start-up.
func sealStored(ctx context.Context, s *services, logger *slog.Logger) error {
	users, err := s.org.SealStored(ctx, s.db)
	if err != nil {
		return err
	}
	forms, err := s.casework.SealStored(ctx)
	if err != nil {
		return err
	}
	if users+forms > 0 {
		logger.Info("sealed personal data stored in the clear or under an older key", "users", users, "forms", forms)
	}
	return nil
}
