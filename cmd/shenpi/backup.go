package main

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

const backupUsage = `backup FILE [--db DSN] [--data DIR]

Writes a backup of the SQLite database and of the uploaded files to FILE, a
tar archive (docs/operations.md), while shenpi serve goes on serving. It
never writes to the database. FILE must not exist. On PostgreSQL, back up
with pg_dump and copy the files directory (docs/operations.md).`

// backupCmd takes an online backup. It runs beside serve, as a process of
// its own that serve knows nothing about, and needs nothing from it: the
// database copy is one read transaction (store.BackupSQLite), which never
// blocks serve's writer and holds only commits on disk, and uploaded files
// are immutable and named by their content.
func backupCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("backup", backupUsage, stderr)
	dbf := addDBFlags(flags)
	pos, code, ok := parse(flags, args, 1)
	if !ok {
		return code
	}
	file := pos[0]
	if isPostgres(dbf.dsn) {
		return report(stderr, badInputf("on PostgreSQL, back up with pg_dump and copy %s (see docs/operations.md)",
			filepath.Join(dbf.data, "files")))
	}
	if _, err := os.Lstat(file); !errors.Is(err, fs.ErrNotExist) {
		return report(stderr, badInputf("%s exists: nothing was written", file))
	}
	a, err := snapshot(ctx, dbf, file)
	if err != nil {
		return report(stderr, err)
	}
	defer os.RemoveAll(a.tmp)
	if err := writeNew(file, a); err != nil {
		return report(stderr, err)
	}
	fmt.Fprintf(stdout, "backup of %s written to %s: the database (%d bytes) and %d uploaded files (%d bytes)\n",
		a.source, file, a.dbBytes, a.fileCount, a.fileBytes)
	return exitOK
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqlitePath is the database file the flags name.
func (f *dbFlags) sqlitePath() string {
	if p := strings.TrimPrefix(f.dsn, "sqlite:"); p != "" {
		return p
	}
	return filepath.Join(f.data, "shenpi.db")
}

// backupArchive is a backup being written: the database copy made first,
// then the uploaded files as they are at the time of writing.
type backupArchive struct {
	tmp      string // a directory beside the backup holding the copy
	database string // the copy
	files    string // the data directory's files
	source   string
	created  time.Time
	// What was written, for the report.
	dbBytes, fileBytes int64
	fileCount          int
}

// snapshot copies the database beside the backup file. The database comes
// first and the files after: every file a record of the copy names was on
// disk before that record committed (blob.Put returns only then), so it is
// there when the files are read; files uploaded since come along unnamed.
func snapshot(ctx context.Context, dbf *dbFlags, file string) (*backupArchive, error) {
	tmp, err := os.MkdirTemp(filepath.Dir(file), ".shenpi-backup-*")
	if err != nil {
		return nil, fmt.Errorf("unable to write %s: %w", file, err)
	}
	a := &backupArchive{tmp: tmp, database: filepath.Join(tmp, databaseName), files: filepath.Join(dbf.data, filesDir),
		source: dbf.sqlitePath(), created: time.Now().UTC()}
	if err := store.BackupSQLite(ctx, a.source, a.database); err != nil {
		os.RemoveAll(tmp)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, badInputf("there is no database at %s: nothing to back up", a.source)
		}
		return nil, err
	}
	return a, nil
}

// WriteTo writes the archive.
func (a *backupArchive) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	tw := tar.NewWriter(cw)
	err := writeManifest(tw, manifest{Format: backupFormat, Version: backupVersion, Created: a.created, Source: a.source})
	if err == nil {
		a.dbBytes, err = addFile(tw, databaseName, a.database, "")
	}
	if err == nil {
		err = a.addFiles(tw)
	}
	if err == nil {
		err = tw.Close()
	}
	return cw.n, err
}

// addFiles adds every uploaded file, checking each against its name.
func (a *backupArchive) addFiles(tw *tar.Writer) error {
	for i := range 256 {
		shard := fmt.Sprintf("%02x", i)
		entries, err := os.ReadDir(filepath.Join(a.files, shard))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("unable to read the uploaded files: %w", err)
		}
		for _, e := range entries {
			name := filesDir + "/" + shard + "/" + e.Name()
			sha, ok := fileEntry(name)
			if !ok || !e.Type().IsRegular() {
				continue // not an uploaded file
			}
			n, err := addFile(tw, name, filepath.Join(a.files, shard, e.Name()), sha)
			if err != nil {
				return err
			}
			a.fileCount++
			a.fileBytes += n
		}
	}
	return nil
}

// addFile adds the file at path as the entry name; with a hash, its
// content must have that SHA-256.
func addFile(tw *tar.Writer, name, path, sha string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("unable to back up %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("unable to back up %s: %w", path, err)
	}
	if err := tw.WriteHeader(regularHeader(name, fi.Size(), fi.ModTime())); err != nil {
		return 0, fmt.Errorf("unable to write the backup: %w", err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, h), f)
	if err != nil {
		return n, fmt.Errorf("unable to back up %s: %w", path, err)
	}
	if sha != "" && hex.EncodeToString(h.Sum(nil)) != sha {
		return n, fmt.Errorf("unable to back up %s: its content does not match its name (damaged on disk)", path)
	}
	return n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
