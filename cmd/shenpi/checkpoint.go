package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/shenpi/shenpi/internal/event"
)

// checkpointCmd makes a checkpoint of the event log now, or exports the
// checkpoints to a file kept outside the database (docs/events.md).
func checkpointCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "export" {
		return checkpointExport(ctx, args[1:], stdout, stderr)
	}
	return onDatabase(ctx, "checkpoint", args, stderr, func(s *services) int {
		c, made, err := event.MakeCheckpoint(ctx, s.db, time.Now())
		switch {
		case err != nil:
			return report(stderr, err)
		case c.Seq == 0:
			fmt.Fprintln(stdout, "the event log is empty: nothing to checkpoint")
		case !made:
			fmt.Fprintf(stdout, "nothing moved since checkpoint %d\n", c.Seq)
		default:
			fmt.Fprintf(stdout, "checkpoint %d: %d streams, %d events, root %s\n", c.Seq, c.Streams, c.Events, c.Root)
		}
		return exitOK
	})
}

func checkpointExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("checkpoint export", "checkpoint export FILE [--db DSN] [--data DIR]\n\n"+
		"Writes the checkpoint chain and every stream's head as of the newest checkpoint to FILE,\n"+
		"to be kept outside the database; `shenpi verify --checkpoint FILE` holds the log to it.", stderr)
	return withDatabase(ctx, fs, addDBFlags(fs), args, 1, stderr, func(s *services, pos []string) int {
		f, err := event.ExportCheckpoints(ctx, s.db)
		if err != nil {
			return report(stderr, err)
		}
		if err := writeDurably(pos[0], f); err != nil {
			return report(stderr, err)
		}
		c := f.Latest()
		fmt.Fprintf(stdout, "checkpoint %d (%d streams, %d events) written to %s\n", c.Seq, c.Streams, c.Events, pos[0])
		return exitOK
	})
}

// writeDurably writes to a temporary file beside path, syncs it and renames
// it over path, so an interrupted export never leaves half a file where the
// last good one was.
func writeDurably(path string, w io.WriterTo) error { return writeThen(path, w, os.Rename) }

// writeNew writes a file durably as writeDurably does, but refuses to
// replace one that exists (a link fails where a rename would replace).
func writeNew(path string, w io.WriterTo) error {
	err := writeThen(path, w, os.Link)
	if errors.Is(err, fs.ErrExist) {
		return badInputf("%s exists: nothing was written", path)
	}
	return err
}

// writeThen writes w to a synced temporary file beside path and moves it
// to path with place.
func writeThen(path string, w io.WriterTo, place func(tmp, path string) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("unable to write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := w.WriteTo(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		return fmt.Errorf("unable to write %s: %w", path, err)
	}
	if err := place(tmp.Name(), path); err != nil {
		return fmt.Errorf("unable to write %s: %w", path, err)
	}
	if dir, err := os.Open(filepath.Dir(path)); err == nil {
		dir.Sync()
		dir.Close()
	}
	return nil
}

// checkpointLog makes a checkpoint for serve's loop. A race with another
// node's checkpoint is not an error: the chain moved on.
func checkpointLog(ctx context.Context, s *services, logger *slog.Logger) {
	c, made, err := event.MakeCheckpoint(ctx, s.db, time.Now())
	switch {
	case errors.Is(err, event.ErrCheckpointRace), ctx.Err() != nil:
	case err != nil:
		logger.Error("unable to checkpoint the event log", "err", err)
	case made:
		logger.Info("event log checkpointed", "checkpoint", c.Seq, "streams", c.Streams, "events", c.Events, "root", c.Root)
	}
}
