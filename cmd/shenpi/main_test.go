package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// result is what one in-process run of shenpi produced.
type result struct {
	code           int
	stdout, stderr string
}

// shenpi runs the command line in-process.
func shenpi(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

// mustRun runs the command line and fails the test unless it succeeds.
func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := shenpi(t, args...)
	if r.code != 0 {
		t.Fatalf("shenpi %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// dataDir makes an empty data directory and clears the environment that
// would otherwise point the commands elsewhere.
func dataDir(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"SHENPI_DB", "SHENPI_DATA", "SHENPI_ADDR", "SHENPI_REGION", "SHENPI_REGION_NAME", "SHENPI_LOG_FORMAT"} {
		t.Setenv(name, "")
	}
	return filepath.Join(t.TempDir(), "data")
}

// openServices opens the database the commands used, to check their work.
func openServices(t *testing.T, dsn, dir string) *services {
	t.Helper()
	s, err := (&dbFlags{dsn: dsn, data: dir}).open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMigrateThenVersion(t *testing.T) {
	dir := dataDir(t)
	r := mustRun(t, "migrate", "--data", dir)
	if !strings.Contains(r.stdout, "schema version ") || !strings.Contains(r.stdout, filepath.Join(dir, "shenpi.db")) {
		t.Fatalf("migrate printed %q", r.stdout)
	}
	r = mustRun(t, "version")
	if !strings.HasPrefix(r.stdout, "shenpi dev") || !strings.Contains(r.stdout, runtime.Version()) {
		t.Fatalf("version printed %q", r.stdout)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"help"}} {
		r := shenpi(t, args...)
		for _, c := range commands {
			if !strings.Contains(r.stdout, "\n  "+c.name+" ") {
				t.Errorf("shenpi %v does not list %s:\n%s", args, c.name, r.stdout)
			}
		}
	}
	if r := shenpi(t, "frobnicate"); r.code != exitUsage || !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
		t.Fatalf("unknown command: %+v", r)
	}
}

func TestDemoTwiceChangesNothing(t *testing.T) {
	dir := dataDir(t)
	first := mustRun(t, "demo", "--data", dir)
	if !strings.Contains(first.stdout, "DemoPass-2026") || !strings.Contains(first.stdout, "supervisor2") {
		t.Fatalf("demo printed %q", first.stdout)
	}
	before := mustRun(t, "verify", "--data", dir).stdout
	if second := mustRun(t, "demo", "--data", dir); second.stdout != first.stdout {
		t.Fatalf("the second run printed something else:\n%s", second.stdout)
	}
	if after := mustRun(t, "verify", "--data", dir).stdout; after != before {
		t.Fatalf("the second run wrote events: %q, then %q", before, after)
	}
}

func TestUserAdd(t *testing.T) {
	dir := dataDir(t)
	r := shenpi(t, "user", "add", "--data", dir, "--username", "wang", "--role", "applicant", "--name", "王五",
		"--kind", "citizen", "--id-number", "320102198503120013")
	if r.code != exitUsage || !strings.Contains(r.stderr, "invalid id_number: The check character") {
		t.Fatalf("a wrong check digit: exit %d, %q", r.code, r.stderr)
	}
	s := openServices(t, "", dir)
	if n, err := s.org.CountUsers(context.Background()); err != nil || n != 0 {
		t.Fatalf("a refused user was stored: %d users, %v", n, err)
	}

	r = mustRun(t, "user", "add", "--data", dir, "--username", "wang", "--role", "applicant", "--name", "王五",
		"--kind", "citizen", "--id-number", "320102198503120012", "--mobile", "13812345678")
	_, password, ok := strings.Cut(r.stdout, "Password: ")
	password, _, _ = strings.Cut(password, "\n")
	if !ok || len(password) != 16 {
		t.Fatalf("user add printed %q", r.stdout)
	}
	u, _, err := s.auth.Login(context.Background(), "wang", password, "test")
	if err != nil || !u.MustChange {
		t.Fatalf("login with the printed password: %+v %v", u, err)
	}

	r = shenpi(t, "user", "add", "--data", dir, "--username", "li", "--role", "handler", "--name", "李四", "--department", "320102-NONE")
	if r.code != exitUsage || !strings.Contains(r.stderr, "invalid department") {
		t.Fatalf("an unknown department: exit %d, %q", r.code, r.stderr)
	}
}

func TestUserPasswdAndToken(t *testing.T) {
	dir := dataDir(t)
	mustRun(t, "demo", "--data", dir)
	r := mustRun(t, "user", "token", "handler1", "--data", dir, "--name", "ci")
	token := strings.TrimSpace(r.stdout)
	if !strings.HasPrefix(token, "shenpi_") {
		t.Fatalf("token %q", r.stdout)
	}
	s := openServices(t, "", dir)
	ctx := context.Background()
	if u, err := s.auth.TokenUser(ctx, token); err != nil || u.Username != "handler1" {
		t.Fatalf("the token is not handler1's: %+v %v", u, err)
	}

	_, session, err := s.auth.Login(ctx, "clerk1", "DemoPass-2026", "test")
	if err != nil {
		t.Fatal(err)
	}
	r = mustRun(t, "user", "passwd", "clerk1", "--data", dir)
	if _, err := s.auth.Session(ctx, session); err == nil {
		t.Fatal("a password reset must end the user's sessions")
	}
	password := r.stdout[strings.Index(r.stdout, ": ")+2 : strings.Index(r.stdout, "\n")]
	if u, _, err := s.auth.Login(ctx, "clerk1", password, "test"); err != nil || !u.MustChange {
		t.Fatalf("login with the new password %q: %+v %v", password, u, err)
	}
	if r := shenpi(t, "user", "passwd", "nobody", "--data", dir); r.code != exitUsage || !strings.Contains(r.stderr, `no user named "nobody"`) {
		t.Fatalf("unknown user: %+v", r)
	}
}

func TestVerifyFindsAnEditedEvent(t *testing.T) {
	dir := dataDir(t)
	mustRun(t, "demo", "--data", dir)
	if r := mustRun(t, "verify", "--data", dir); !strings.HasSuffix(r.stdout, "events, all chains intact\n") {
		t.Fatalf("verify printed %q", r.stdout)
	}
	s := openServices(t, "", dir)
	if _, err := s.db.Exec(context.Background(), `UPDATE events SET payload = ? WHERE stream = ? AND seq = ?`,
		`{"role":"sysadmin","username":"handler1"}`, "user:handler1", 1); err != nil {
		t.Fatal(err)
	}
	r := shenpi(t, "verify", "--data", dir)
	if r.code != exitFailure || !strings.Contains(r.stdout, "stream user:handler1, event 1:") {
		t.Fatalf("verify after an edit: exit %d, %q", r.code, r.stdout)
	}
}

// On PostgreSQL the same commands run against a schema of their own.
func TestCommandsOnPostgres(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	dir := dataDir(t)
	mustRun(t, "migrate", "--db", dsn, "--data", dir)
	mustRun(t, "demo", "--db", dsn, "--data", dir)
	mustRun(t, "demo", "--db", dsn, "--data", dir)
	r := mustRun(t, "user", "token", "handler1", "--db", dsn, "--data", dir)
	if !strings.HasPrefix(r.stdout, "shenpi_") {
		t.Fatalf("token %q", r.stdout)
	}
	mustRun(t, "verify", "--db", dsn)
	s := openServices(t, dsn, dir)
	us, err := s.org.Users(context.Background(), org.UserFilter{})
	if err != nil || len(us) != 11 {
		t.Fatalf("%d users after two demo loads, %v", len(us), err)
	}
	// On PostgreSQL the uploaded files are in the database too: a
	// PostgreSQL run must not create a SQLite database in the data directory.
	if _, err := os.Stat(filepath.Join(dir, "shenpi.db")); err == nil {
		t.Fatal("a PostgreSQL run created a SQLite database")
	}
}

// syncBuffer is a buffer a running server writes to while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
