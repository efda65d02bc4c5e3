package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// walLog makes SQLite's write-ahead log durable on the batcher's behalf.
//
// SQLite runs with synchronous=NORMAL: a commit writes its frames to the log
// without waiting for the disk, and checkpoints sync the log before copying
// it and the database file after. The batcher acknowledges a batch only
// after walLog.sync has flushed the log, which is what synchronous=FULL
// would have done inside the commit; done by a goroutine of its own, the
// flush of one batch overlaps the writing of the next.
type walLog struct {
	path string
	f    *os.File
	fi   fs.FileInfo
}

func newWALLog(dbPath string) *walLog { return &walLog{path: dbPath + "-wal"} }

// sync returns once every frame written to the log before the call is on
// disk.
func (w *walLog) sync() error {
	fi, err := os.Stat(w.path)
	if errors.Is(err, fs.ErrNotExist) {
		// No log: the last connection checkpointed it into the database
		// file, synced, and removed it.
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: unable to find the write-ahead log: %w", err)
	}
	if w.f == nil || !os.SameFile(fi, w.fi) {
		if err := w.reopen(); err != nil {
			return err
		}
	}
	if err := unix.Fdatasync(int(w.f.Fd())); err != nil {
		return fmt.Errorf("store: unable to sync the write-ahead log: %w", err)
	}
	return nil
}

// reopen opens the log SQLite is writing now (it makes a new one when the
// last connection has closed) and syncs its directory entry once.
func (w *walLog) reopen() error {
	w.close()
	f, err := os.Open(w.path)
	if err != nil {
		return fmt.Errorf("store: unable to open the write-ahead log: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("store: unable to open the write-ahead log: %w", err)
	}
	dir, err := os.Open(filepath.Dir(w.path))
	if err != nil {
		f.Close()
		return fmt.Errorf("store: unable to open the data directory: %w", err)
	}
	defer dir.Close()
	if err := dir.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("store: unable to sync the data directory: %w", err)
	}
	w.f, w.fi = f, fi
	return nil
}

func (w *walLog) close() {
	if w.f != nil {
		w.f.Close()
		w.f, w.fi = nil, nil
	}
}
