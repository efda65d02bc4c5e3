package main

import (
	"archive/tar"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
)

// TestMain lets a test run shenpi as a process of its own, as an operator
// runs `shenpi backup` beside `shenpi serve`: the test binary started with
// SHENPI_TEST_COMMAND=1 is the command line.
func TestMain(m *testing.M) {
	if os.Getenv("SHENPI_TEST_COMMAND") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// shenpiProcess runs the command line as another process.
func shenpiProcess(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SHENPI_TEST_COMMAND=1")
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatal(err)
	}
	return result{code, out.String(), errOut.String()}
}

// write is one write of the load: an uploaded file and the event that
// names it, committed by one transaction.
type write struct {
	stream string
	seq    int64
	sha    string
	data   string
}

// load writes from many goroutines, as a server does, and records every
// write acknowledged.
type load struct {
	db    *store.DB
	files *blob.Store
	mu    sync.Mutex
	acked []write
	// warm is closed once the load has some acknowledged writes behind it.
	warm     chan struct{}
	warmOnce sync.Once
	stop     chan struct{}
	wg       sync.WaitGroup
	errs     chan error
}

func startLoad(db *store.DB, files *blob.Store, writers int) *load {
	l := &load{db: db, files: files, warm: make(chan struct{}), stop: make(chan struct{}), errs: make(chan error, writers)}
	for g := range writers {
		l.wg.Add(1)
		go l.writer(fmt.Sprintf("backup-load/%02d", g))
	}
	return l
}

func (l *load) writer(stream string) {
	defer l.wg.Done()
	ctx := context.Background()
	for seq := int64(1); ; seq++ {
		select {
		case <-l.stop:
			return
		default:
		}
		w := write{stream: stream, seq: seq, data: fmt.Sprintf("material %d of %s", seq, stream)}
		sha, err := l.files.Put([]byte(w.data))
		if err != nil {
			l.errs <- err
			return
		}
		w.sha = sha
		err = l.db.Tx(ctx, func(tx *store.Tx) error {
			_, err := event.Append(ctx, tx, event.Draft{Stream: stream, Type: "material.attached", Actor: "test",
				At: time.Now(), Payload: map[string]any{"file": sha}})
			return err
		})
		if err != nil {
			l.errs <- err
			return
		}
		l.mu.Lock()
		l.acked = append(l.acked, w)
		if len(l.acked) >= 200 {
			l.warmOnce.Do(func() { close(l.warm) })
		}
		l.mu.Unlock()
	}
}

// acknowledged returns the writes acknowledged so far.
func (l *load) acknowledged() []write {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]write(nil), l.acked...)
}

func (l *load) finish(t *testing.T) {
	close(l.stop)
	l.wg.Wait()
	close(l.errs)
	for err := range l.errs {
		t.Fatal(err)
	}
}

// A backup taken by another process while sixteen goroutines commit
// restores into a fresh directory with its chains intact and every write
// acknowledged before the backup began: its event and its file.
func TestBackupUnderLoad(t *testing.T) {
	dir := dataDir(t)
	mustRun(t, "demo", "--data", dir)
	mustRun(t, "checkpoint", "--data", dir)
	checkpoints := filepath.Join(t.TempDir(), "checkpoints.jsonl")
	mustRun(t, "checkpoint", "export", checkpoints, "--data", dir)
	s := openServices(t, "", dir)
	files, err := blob.Open(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}

	l := startLoad(s.db, files, 16)
	<-l.warm
	before := l.acknowledged()
	file := filepath.Join(t.TempDir(), "shenpi.tar")
	r := shenpiProcess(t, "backup", file, "--data", dir)
	during := len(l.acknowledged()) - len(before)
	l.finish(t)
	if r.code != exitOK || !strings.Contains(r.stdout, "written to "+file) {
		t.Fatalf("backup under load: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	t.Logf("%d writes acknowledged before the backup, %d while it ran (%s)", len(before), during, strings.TrimSpace(r.stdout))
	// Personal data is sealed at rest (issue 11 #9): the demo applicant's
	// ID number and mobile, in her account and her case's form and event,
	// are nowhere in the archive, nor is the key that would open them.
	archive, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, plain := range []string{"320102198503120012", "13812345678", "shenpi.key"} {
		if bytes.Contains(archive, []byte(plain)) {
			t.Errorf("the backup holds %q in the clear", plain)
		}
	}
	if during == 0 {
		t.Fatal("no write was acknowledged while the backup ran: it did not run under load")
	}

	restored := dataDir(t)
	r = mustRun(t, "restore", file, "--data", restored, "--checkpoint", checkpoints)
	if !strings.Contains(r.stdout, "all chains intact") || !strings.Contains(r.stdout, "the log holds checkpoint 1 of "+checkpoints) {
		t.Fatalf("restore printed %q", r.stdout)
	}
	mustRun(t, "verify", "--full", "--data", restored, "--checkpoint", checkpoints)

	back := openServices(t, "", restored)
	backFiles, err := blob.Open(filepath.Join(restored, "files"))
	if err != nil {
		t.Fatal(err)
	}
	checkAcknowledged(t, back.db, backFiles, before)
}

// checkAcknowledged checks that a restored database holds every write
// acknowledged before its backup began, with its file.
func checkAcknowledged(t *testing.T, db *store.DB, files *blob.Store, writes []write) {
	t.Helper()
	ctx := context.Background()
	streams := map[string][]event.Event{}
	for _, w := range writes {
		evs, ok := streams[w.stream]
		if !ok {
			var err error
			if evs, err = event.Stream(ctx, db, w.stream); err != nil {
				t.Fatal(err)
			}
			streams[w.stream] = evs
		}
		if int64(len(evs)) < w.seq {
			t.Fatalf("%s: acknowledged event %d is not in the backup, which holds %d", w.stream, w.seq, len(evs))
		}
		var p struct{ File string }
		if err := json.Unmarshal(evs[w.seq-1].Payload, &p); err != nil || p.File != w.sha {
			t.Fatalf("%s: event %d names %q, want %s (%v)", w.stream, w.seq, p.File, w.sha, err)
		}
		if data, err := files.Get(w.sha); err != nil || string(data) != w.data {
			t.Fatalf("%s: event %d's file: %q, %v", w.stream, w.seq, data, err)
		}
	}
}

// A restore checks the backup before it places anything: an edited event,
// an edited file, a directory that holds a database, a file that is not a
// backup are each refused, and the directory is left as it was.
func TestRestoreRefuses(t *testing.T) {
	dir := dataDir(t)
	mustRun(t, "demo", "--data", dir)
	files, err := blob.Open(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	sha, err := files.Put([]byte("a scanned licence"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "shenpi.tar")
	mustRun(t, "backup", file, "--data", dir)
	if r := shenpi(t, "backup", file, "--data", dir); r.code != exitUsage || !strings.Contains(r.stderr, file+" exists: nothing was written") {
		t.Fatalf("a backup over an existing file: exit %d, %q", r.code, r.stderr)
	}

	refused := func(t *testing.T, backup, into string, code int, why string) {
		t.Helper()
		r := shenpi(t, "restore", backup, "--data", into)
		if r.code != code || !strings.Contains(r.stdout+r.stderr, why) {
			t.Fatalf("restore: exit %d, want %d and %q\n%s%s", r.code, code, why, r.stdout, r.stderr)
		}
	}
	t.Run("an edited event", func(t *testing.T) {
		tampered := rewriteBackup(t, file, func(name string, data []byte) []byte {
			if name != databaseName {
				return data
			}
			return editDatabase(t, data, `UPDATE events SET actor = actor || '-forged' WHERE id = (SELECT min(id) FROM events)`)
		})
		into := filepath.Join(t.TempDir(), "data")
		refused(t, tampered, into, exitFailure, "the backup's event log does not verify")
		if _, err := os.Stat(into); !os.IsNotExist(err) {
			t.Fatalf("a refused restore left %s: %v", into, err)
		}
	})
	t.Run("an edited file", func(t *testing.T) {
		tampered := rewriteBackup(t, file, func(name string, data []byte) []byte {
			if strings.HasSuffix(name, sha) {
				return []byte("a forged licence")
			}
			return data
		})
		into := t.TempDir() // exists and is empty: it stays so
		refused(t, tampered, into, exitFailure, "uploaded file "+sha+" does not match its name")
		if entries, _ := os.ReadDir(into); len(entries) != 0 {
			t.Fatalf("a refused restore left %v in %s", entries, into)
		}
	})
	t.Run("a directory with a database", func(t *testing.T) {
		db := filepath.Join(dir, "shenpi.db")
		before, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		refused(t, file, dir, exitUsage, "already holds a database: restore never overwrites one")
		if after, err := os.ReadFile(db); err != nil || string(after) != string(before) {
			t.Fatalf("the refused restore changed the database: %v", err)
		}
		other := t.TempDir()
		if err := os.WriteFile(filepath.Join(other, "notes.txt"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		refused(t, file, other, exitUsage, "is not empty")
	})
	t.Run("not a backup", func(t *testing.T) {
		refused(t, filepath.Join(dir, "shenpi.db"), filepath.Join(t.TempDir(), "data"), exitUsage, "is not a Shenpi backup")
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		r := shenpi(t, "backup", filepath.Join(t.TempDir(), "x.tar"), "--db", "postgres://shenpi@db.example/shenpi")
		if r.code != exitUsage || !strings.Contains(r.stderr, "on PostgreSQL, back up with pg_dump") {
			t.Fatalf("backup on PostgreSQL: exit %d, %q", r.code, r.stderr)
		}
	})
}

// rewriteBackup writes a copy of a backup with each entry's content passed
// through edit, as someone who altered it would.
func rewriteBackup(t *testing.T, file string, edit func(name string, data []byte) []byte) string {
	t.Helper()
	in, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var out bytes.Buffer
	tr, tw := tar.NewReader(in), tar.NewWriter(&out)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		data = edit(h.Name, data)
		h.Size = int64(len(data))
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	tampered := filepath.Join(t.TempDir(), "tampered.tar")
	if err := os.WriteFile(tampered, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return tampered
}

// editDatabase runs a statement on a copy of a database file's content.
func editDatabase(t *testing.T, data []byte, statement string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "edit.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := db.Exec(statement); err != nil {
		t.Fatal(err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%s changed %d rows", statement, n)
	}
	if err := db.Close(); err != nil { // folds the write-ahead log into the file
		t.Fatal(err)
	}
	edited, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return edited
}
