package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/shenpi/shenpi/internal/event"
)

const verifyUsage = `verify [--full] [--checkpoint FILE] [--db DSN] [--data DIR]

Checks every event stream's hash chain against its head and the checkpoint
chain. By default it reads only the streams that moved since the last
verified checkpoint; --full reads every event. --checkpoint FILE holds the
log to a file written by "shenpi checkpoint export" (and reads every event).
Exits 1 naming the first broken event of each broken stream.`

// verify checks the event log.
func verify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("verify", verifyUsage, stderr)
	dbf := addDBFlags(fs)
	full := fs.Bool("full", false, "read every event, not only what moved since the last verified checkpoint")
	file := fs.String("checkpoint", "", "a checkpoint file to hold the log to (implies --full)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	opts := event.Options{Full: *full}
	if *file != "" {
		f, err := readCheckpointFile(*file)
		if err != nil {
			return report(stderr, err)
		}
		opts.File = f
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return report(stderr, err)
	}
	defer s.Close()
	opts.Now = time.Now()
	r, err := event.VerifyWith(ctx, s.db, opts)
	if err != nil {
		return report(stderr, err)
	}
	for _, p := range r.Problems {
		fmt.Fprintln(stdout, p.String())
	}
	scope := fmt.Sprintf("%d streams, %d events", r.Streams, r.Events)
	if r.Since > 0 {
		scope = fmt.Sprintf("since checkpoint %d: %d streams moved, %d events read", r.Since, r.Streams, r.Events)
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(stdout, "%s, %d problems\n", scope, len(r.Problems))
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s, all chains intact\n", scope)
	if opts.File != nil {
		fmt.Fprintf(stdout, "the log holds checkpoint %d of %s\n", opts.File.Latest().Seq, *file)
	}
	if r.Checkpoint > 0 {
		fmt.Fprintf(stdout, "checkpoint %d verified\n", r.Checkpoint)
	}
	return exitOK
}

// readCheckpointFile reads a checkpoint file; one that cannot be read or
// does not hold together is bad input.
func readCheckpointFile(path string) (*event.CheckpointFile, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, badInputf("unable to read the checkpoint file: %s", err)
	}
	defer fh.Close()
	f, err := event.ReadCheckpointFile(fh)
	if err != nil {
		return nil, badInputf("%s: %s", path, err)
	}
	return f, nil
}
