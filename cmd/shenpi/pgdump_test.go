package main

import (
	"database/sql"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// The PostgreSQL backup that docs/operations.md describes, done as it
// says while sixteen goroutines commit: pg_dump, then the files; restored
// into a new database, the log verifies and every write acknowledged before
// the dump began is there with its file.
func TestPgDumpUnderLoad(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	pgDump, pgRestore := postgresTool(t, "pg_dump"), postgresTool(t, "pg_restore")
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	schema := q.Get("search_path")
	q.Del("search_path") // libpq's tools take no run-time parameters in the URL
	u.RawQuery = q.Encode()
	server := u.String()

	dir := dataDir(t)
	mustRun(t, "demo", "--db", dsn, "--data", dir)
	s := openServices(t, dsn, dir)
	files, err := blob.Open(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	l := startLoad(s.db, files, 16)
	<-l.warm
	before := l.acknowledged()
	backups := t.TempDir()
	dump, filesTar := filepath.Join(backups, "shenpi.dump"), filepath.Join(backups, "shenpi-files.tar")
	tool(t, pgDump, "--format=custom", "--schema="+schema, "--file="+dump, server)
	copyFiles := exec.Command("bash", "-c", `set -o pipefail; find files -path files/staging -prune -o -type f -print | tar -cf "$0" -T -`, filesTar)
	copyFiles.Dir = dir
	if out, err := copyFiles.CombinedOutput(); err != nil {
		t.Fatalf("copying the files: %v\n%s", err, out)
	}
	during := len(l.acknowledged()) - len(before)
	l.finish(t)
	t.Logf("%d writes acknowledged before pg_dump, %d while it and the copy of the files ran", len(before), during)

	restored := newDatabase(t, server, "restored_"+schema)
	tool(t, pgRestore, "--no-owner", "--dbname="+restored, dump)
	restoredDir := dataDir(t)
	if err := os.MkdirAll(restoredDir, 0o750); err != nil {
		t.Fatal(err)
	}
	tool(t, "tar", "-C", restoredDir, "-xf", filesTar)
	ru, _ := url.Parse(restored)
	rq := ru.Query()
	rq.Set("search_path", schema)
	ru.RawQuery = rq.Encode()
	mustRun(t, "verify", "--full", "--db", ru.String(), "--data", restoredDir)

	back := openServices(t, ru.String(), restoredDir)
	backFiles, err := blob.Open(filepath.Join(restoredDir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	checkAcknowledged(t, back.db, backFiles, before)
}

// postgresTool finds one of PostgreSQL's programs: on the PATH or where
// Debian installs them (scripts/test.sh installs them with the server).
func postgresTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name); len(found) > 0 {
		return found[len(found)-1]
	}
	if os.Getenv("SHENPI_TEST_PG_REQUIRED") == "1" {
		t.Fatalf("%s is not installed", name)
	}
	t.Skipf("%s is not installed", name)
	return ""
}

// tool runs a program and fails the test unless it succeeds.
func tool(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(name), err, out)
	}
}

// newDatabase creates a database on the server and drops it when the test
// ends; it returns the server's URL naming it.
func newDatabase(t *testing.T, server, name string) string {
	t.Helper()
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", server); err == nil {
			a.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
			a.Close()
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
