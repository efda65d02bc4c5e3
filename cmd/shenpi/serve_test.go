package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startServe runs `shenpi serve args…` until the returned stop is called,
// and returns the address it listens on and its output so far.
func startServe(t *testing.T, args ...string) (addr string, stdout *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), stdout, stderr) }()
	stop = func() int {
		cancel()
		return <-done
	}
	const marker = "Shenpi is listening on http://"
	// The deadline only keeps a broken server from hanging the test run.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, after, ok := strings.Cut(stdout.String(), marker); ok {
			addr, _, _ = strings.Cut(after, "\n")
			return addr, stdout, stop
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before listening:\n%s%s", code, stdout, stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start:\n%s%s", stdout, stderr)
		}
	}
}

func TestServeWithNoConfiguration(t *testing.T) {
	dataDir(t) // clears SHENPI_* from the environment
	t.Chdir(t.TempDir())

	addr, stdout, stop := startServe(t, "--addr", "127.0.0.1:0")
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz: %s", resp.Status)
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exited with %d after cancellation", code)
	}
	out := stdout.String()
	if strings.Count(out, "    password  ") != 1 || !strings.Contains(out, "username  admin") {
		t.Fatalf("the administrator's password must be printed once:\n%s", out)
	}
	if _, err := os.Stat("data/shenpi.db"); err != nil {
		t.Fatalf("no database in ./data: %v", err)
	}

	// A second start finds the administrator and prints no password.
	_, stdout, stop = startServe(t, "--addr", "127.0.0.1:0")
	if code := stop(); code != 0 {
		t.Fatalf("second serve exited with %d", code)
	}
	if strings.Contains(stdout.String(), "password") {
		t.Fatalf("a second start printed a password:\n%s", stdout)
	}
}

func TestServeWithDemo(t *testing.T) {
	dir := dataDir(t)
	_, stdout, stop := startServe(t, "--addr", "127.0.0.1:0", "--data", dir, "--demo")
	if code := stop(); code != 0 {
		t.Fatalf("serve exited with %d", code)
	}
	out := stdout.String()
	if !strings.Contains(out, "DemoPass-2026") || strings.Contains(out, "first administrator") {
		t.Fatalf("serve --demo uses the demo's admin and prints its accounts:\n%s", out)
	}
}

// TestServeOnABusyPortPrintsNothing: serve --demo on an address in use fails
// before it loads the demo or prints its accounts (issue 10: it printed them
// and then failed), and leaves no database behind.
func TestServeOnABusyPortPrintsNothing(t *testing.T) {
	dir := dataDir(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	code := run(context.Background(), []string{"serve", "--addr", busy.Addr().String(), "--data", dir, "--demo"}, stdout, stderr)
	if code == 0 || !strings.Contains(stderr.String(), "address already in use") {
		t.Fatalf("serve on a busy port: exit %d, %s", code, stderr)
	}
	if strings.Contains(stdout.String(), "DemoPass-2026") || strings.Contains(stdout.String(), "password") {
		t.Fatalf("serve printed accounts before failing:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "shenpi.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a database was made before the address failed: %v", err)
	}
}
