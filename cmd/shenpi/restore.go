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
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
	"golang.org/x/sys/unix"
)

const restoreUsage = `restore FILE [--data DIR] [--checkpoint CHECKPOINTS]

Restores a backup written by "shenpi backup" into DIR, which must be new or
empty: it never overwrites a database. It unpacks the backup beside DIR's
final contents, checks every uploaded file against its name and the whole
event log as "shenpi verify --full" does (held to CHECKPOINTS, a file of
"shenpi checkpoint export", if given), and only then moves the database
and the files into place. A backup that fails a check is refused and DIR
is left as it was.`

// restoreCmd restores a backup into a fresh data directory.
func restoreCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("restore", restoreUsage, stderr)
	data := flags.String("data", getenv("SHENPI_DATA", "./data"), "the data directory to restore into, new or empty (env SHENPI_DATA)")
	checkpoints := flags.String("checkpoint", "", `a file of "shenpi checkpoint export" to hold the restored log to`)
	pos, code, ok := parse(flags, args, 1)
	if !ok {
		return code
	}
	var opts event.Options
	if *checkpoints != "" {
		f, err := readCheckpointFile(*checkpoints)
		if err != nil {
			return report(stderr, err)
		}
		opts.File = f
	}
	if err := refuseToOverwrite(*data); err != nil {
		return report(stderr, err)
	}
	in, err := os.Open(pos[0])
	if err != nil {
		return report(stderr, badInputf("unable to read the backup: %s", err))
	}
	defer in.Close()
	r := &restoring{dir: *data}
	defer r.cleanUp()
	if err := r.unpack(tar.NewReader(in), pos[0]); err != nil {
		return report(stderr, err)
	}
	res, err := r.verify(ctx, opts)
	if err != nil {
		return report(stderr, err)
	}
	if len(res.Problems) > 0 {
		for _, p := range res.Problems {
			fmt.Fprintln(stdout, p.String())
		}
		return report(stderr, fmt.Errorf("the backup's event log does not verify (%d problems): nothing was restored", len(res.Problems)))
	}
	if err := r.place(); err != nil {
		return report(stderr, err)
	}
	fmt.Fprintf(stdout, "restored into %s: %d streams, %d events, all chains intact; %d uploaded files\n",
		*data, res.Streams, res.Events, r.files)
	if opts.File != nil {
		fmt.Fprintf(stdout, "the log holds checkpoint %d of %s\n", opts.File.Latest().Seq, *checkpoints)
	}
	return exitOK
}

// refuseToOverwrite accepts a data directory that does not exist or is
// empty.
func refuseToOverwrite(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return badInputf("unable to read %s: %s", dir, err)
	}
	for _, e := range entries {
		if e.Name() == databaseName {
			return badInputf("%s already holds a database: restore never overwrites one; restore into a new directory (nothing was changed)", dir)
		}
	}
	if len(entries) > 0 {
		return badInputf("%s is not empty: restore into a new directory (nothing was changed)", dir)
	}
	return nil
}

// restoring is a restore under way: the backup is unpacked into a
// directory of its own inside the data directory, and moved out of it only
// once it has been checked.
type restoring struct {
	dir     string
	created bool   // dir did not exist: a refused restore removes it
	staging string // dir/.restore-…
	files   int
	placed  bool
}

// unpack reads the backup into the staging directory, checking each
// uploaded file against its name.
func (r *restoring) unpack(tr *tar.Reader, path string) error {
	if _, err := readManifest(tr, path); err != nil {
		return err
	}
	if _, err := os.Stat(r.dir); errors.Is(err, fs.ErrNotExist) {
		r.created = true
	}
	if err := os.MkdirAll(r.dir, 0o750); err != nil {
		return fmt.Errorf("unable to create %s: %w", r.dir, err)
	}
	staging, err := os.MkdirTemp(r.dir, ".restore-*")
	if err != nil {
		return fmt.Errorf("unable to restore into %s: %w", r.dir, err)
	}
	r.staging = staging
	haveDB := false
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return badInputf("%s is damaged: %s", path, err)
		}
		switch sha, isFile := fileEntry(h.Name); {
		case h.Name == databaseName && !haveDB:
			haveDB = true
			err = unpackFile(tr, filepath.Join(staging, databaseName), "")
		case isFile && h.Typeflag == tar.TypeReg:
			r.files++
			err = unpackFile(tr, filepath.Join(staging, filepath.FromSlash(h.Name)), sha)
		default:
			err = badInputf("%s is not a Shenpi backup: it holds %q", path, h.Name)
		}
		if err != nil {
			return err
		}
	}
	if !haveDB {
		return badInputf("%s holds no database", path)
	}
	// One sync of the file system makes every unpacked file durable.
	d, err := os.Open(staging)
	if err != nil {
		return fmt.Errorf("unable to restore: %w", err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("unable to restore: unable to sync: %w", err)
	}
	return nil
}

// unpackFile writes an entry to path; with a hash, its content must have
// that SHA-256, or the backup was tampered with or damaged.
func unpackFile(r io.Reader, path, sha string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("unable to restore: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("unable to restore: %w", err)
	}
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(f, h), r)
	if err := errors.Join(err, f.Close()); err != nil {
		return fmt.Errorf("unable to restore %s: %w", path, err)
	}
	if sha != "" && hex.EncodeToString(h.Sum(nil)) != sha {
		return fmt.Errorf("the backup's uploaded file %s does not match its name (tampered with or damaged): nothing was restored", sha)
	}
	return nil
}

// verify opens the unpacked database, which applies the migrations of this
// version, and verifies its whole event log.
func (r *restoring) verify(ctx context.Context, opts event.Options) (event.Report, error) {
	db, err := store.Open(ctx, "", r.staging)
	if err != nil {
		return event.Report{}, err
	}
	defer db.Close()
	opts.Full, opts.Now = true, time.Now()
	return event.VerifyWith(ctx, db, opts)
}

// place moves the checked database and files into the data directory. The
// database goes last, by a link that fails rather than replace one: until
// it is there, the directory holds no database.
func (r *restoring) place() error {
	files := filepath.Join(r.staging, filesDir)
	if _, err := os.Stat(files); err == nil {
		if err := os.Rename(files, filepath.Join(r.dir, filesDir)); err != nil {
			return fmt.Errorf("unable to restore: %w", err)
		}
	}
	// Closing the database normally folds its write-ahead log into it; a
	// log left over goes along, first, or its commits would be lost.
	for _, suffix := range []string{"-wal", ""} {
		from := filepath.Join(r.staging, databaseName+suffix)
		if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) && suffix != "" {
			continue
		}
		if err := os.Link(from, filepath.Join(r.dir, databaseName+suffix)); err != nil {
			return fmt.Errorf("unable to restore: %w", err)
		}
	}
	r.placed = true
	d, err := os.Open(r.dir)
	if err != nil {
		return fmt.Errorf("unable to restore: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("unable to restore: unable to sync %s: %w", r.dir, err)
	}
	return nil
}

// cleanUp removes the staging directory, and after a refusal whatever the
// restore created.
func (r *restoring) cleanUp() {
	if r.staging != "" {
		os.RemoveAll(r.staging)
	}
	if r.placed {
		return
	}
	if r.created {
		os.RemoveAll(r.dir)
	} else {
		os.RemoveAll(filepath.Join(r.dir, filesDir))
	}
}
