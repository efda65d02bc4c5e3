package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// The checkpoint commands and verify --checkpoint, on either engine: the
// exported file catches a truncation that the database was made to agree
// with, checkpoints and all.
func TestCheckpointExportAndVerify(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := dataDir(t)
		checkpointJourney(t, []string{"--data", dir}, "", dir)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, dir := storetest.PostgresDSN(t), dataDir(t)
		checkpointJourney(t, []string{"--db", dsn, "--data", dir}, dsn, dir) // the key file goes beside dir
	})
}

func checkpointJourney(t *testing.T, db []string, dsn, dir string) {
	with := func(args ...string) []string { return append(args, db...) }
	mustRun(t, with("demo")...)
	if r := mustRun(t, with("checkpoint")...); !strings.HasPrefix(r.stdout, "checkpoint 1: ") {
		t.Fatalf("checkpoint printed %q", r.stdout)
	}
	if r := mustRun(t, with("checkpoint")...); r.stdout != "nothing moved since checkpoint 1\n" {
		t.Fatalf("a second checkpoint printed %q", r.stdout)
	}
	file := filepath.Join(t.TempDir(), "checkpoints.jsonl")
	if r := mustRun(t, with("checkpoint", "export", file)...); !strings.Contains(r.stdout, "written to "+file) {
		t.Fatalf("export printed %q", r.stdout)
	}
	if r := mustRun(t, with("verify", "--checkpoint", file)...); !strings.Contains(r.stdout, "the log holds checkpoint 1 of "+file) {
		t.Fatalf("verify --checkpoint printed %q", r.stdout)
	}
	if r := mustRun(t, with("verify")...); !strings.HasPrefix(r.stdout, "since checkpoint 1: 0 streams moved, 0 events read, all chains intact") {
		t.Fatalf("a routine verify printed %q", r.stdout)
	}

	// Truncate a stream and make the database agree: its head, and the
	// checkpoints made anew.
	s := openServices(t, dsn, dir)
	ctx := context.Background()
	var (
		stream string
		seq    int64
		hash   string
	)
	if err := s.db.QueryRow(ctx, `SELECT h.stream, h.seq, e.hash FROM event_heads h JOIN events e ON e.stream = h.stream AND e.seq = h.seq - 1
		ORDER BY h.stream LIMIT 1`).Scan(&stream, &seq, &hash); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DELETE FROM events WHERE stream = ? AND seq = ?`, `UPDATE event_heads SET seq = ? - 1, hash = ? WHERE stream = ?`} {
		args := []any{stream, seq}
		if strings.HasPrefix(q, "UPDATE") {
			args = []any{seq, hash, stream}
		}
		if _, err := s.db.Exec(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	for _, table := range []string{"event_checkpoints", "event_anchors", "event_verified"} {
		if _, err := s.db.Exec(ctx, `DELETE FROM `+table); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, with("checkpoint")...)
	mustRun(t, with("verify", "--full")...)
	r := shenpi(t, with("verify", "--checkpoint", file)...)
	if r.code != exitFailure || !strings.Contains(r.stdout, "stream "+stream+", event ") || !strings.Contains(r.stdout, "(truncated)") ||
		!strings.Contains(r.stdout, "checkpoint 1: differs from the checkpoint file's") {
		t.Fatalf("verify --checkpoint after a truncation: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	if err := os.WriteFile(file, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := shenpi(t, with("verify", "--checkpoint", file)...); r.code != exitUsage || !strings.Contains(r.stderr, "line 1") {
		t.Fatalf("a file that is not a checkpoint file: exit %d, %q", r.code, r.stderr)
	}
}

// serve checkpoints the log every --checkpoint-every, and stops doing so
// before it closes the database.
func TestServeCheckpointsTheLog(t *testing.T) {
	dir := dataDir(t)
	_, _, stop := startServe(t, "--data", dir, "--addr", "127.0.0.1:0", "--demo", "--checkpoint-every", "20ms")
	s := openServices(t, "", dir)
	// The deadline only keeps a broken loop from hanging the test run.
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		chain, err := event.Checkpoints(context.Background(), s.db)
		if err != nil {
			t.Fatal(err)
		}
		if len(chain) > 0 {
			break
		}
		if time.Now().After(deadline) {
			stop()
			t.Fatal("serve made no checkpoint")
		}
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exited with %d", code)
	}
	if r := mustRun(t, "verify", "--data", dir); !strings.HasSuffix(r.stdout, " verified\n") {
		t.Fatalf("verify after serve printed %q", r.stdout)
	}
}
