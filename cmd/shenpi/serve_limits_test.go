package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"
)

// TestServeDropsAStalledBody: the limits given to serve reach its server. With
// a grace of a tenth of a second, a POST whose body stops after ten bytes loses
// its connection, and a second connection from the same address is refused
// while the first is open.
func TestServeDropsAStalledBody(t *testing.T) {
	dir := dataDir(t)
	t.Setenv("SHENPI_MAX_CONNS_PER_ADDR", "1")
	addr, _, stop := startServe(t, "--addr", "127.0.0.1:0", "--data", dir,
		"--request-grace", "100ms", "--min-transfer-rate", "100")
	defer stop()
	dial := func(first string) net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		fmt.Fprintf(c, "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n%s", first)
		return c
	}
	// closed reads c to its end; the deadline only keeps a broken server from
	// hanging the test.
	closed := func(c net.Conn) bool {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		_, err := io.ReadAll(c)
		var ne net.Error
		return !errors.As(err, &ne) || !ne.Timeout()
	}
	stalled := dial("username=")
	second := dial("username=")
	if !closed(second) {
		t.Fatal("a second connection from the address was served while one was open")
	}
	if !closed(stalled) {
		t.Fatal("a stalled body kept its connection")
	}
}
