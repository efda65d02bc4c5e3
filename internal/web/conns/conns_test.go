package conns_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/web/conns"
)

// short are limits measured in tenths of a second, so that a test waits for
// one to pass without long sleeps.
var short = conns.Limits{HeaderTimeout: time.Second, IdleTimeout: time.Second, Grace: 100 * time.Millisecond, MinRate: 100}

// serve runs a server on a free port with limits l and handler h.
func serve(t *testing.T, l conns.Limits, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := conns.Server(h, l, slog.New(slog.DiscardHandler))
	go hs.Serve(conns.Listener(ln, l.PerAddress))
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String()
}

// upload reads the whole body and says how much it got.
var upload = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "slow body", http.StatusRequestTimeout)
		return
	}
	fmt.Fprintf(w, "got %d", len(b))
})

// dialPost starts a POST of a body of length bytes and sends its first part.
func dialPost(t *testing.T, addr string, length int, first string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", length, first)
	return c
}

// closedByServer reads c to its end and reports whether the server closed it
// before the safety deadline, which only keeps a broken server from hanging
// the test.
func closedByServer(t *testing.T, c net.Conn) (string, bool) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	got, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return string(got), false
	}
	return string(got), true
}

// TestAnUnfinishedBodyLosesItsConnection is the finding of issue 11 #5: a
// client that sends part of a body and stops held its connection for as long
// as it liked (100 of 100 were open after 40 s). Now the body must keep to the
// minimum rate after the grace.
func TestAnUnfinishedBodyLosesItsConnection(t *testing.T) {
	addr := serve(t, short, upload)
	c := dialPost(t, addr, 100_000, "0123456789")
	if got, closed := closedByServer(t, c); !closed {
		t.Fatalf("a stalled body kept its connection (read %q)", got)
	}
}

// TestABodyAtThePaceIsNotCutOff: a client that has sent enough keeps its
// connection through a pause its bytes have paid for.
func TestABodyAtThePaceIsNotCutOff(t *testing.T) {
	addr := serve(t, short, upload)
	// 100 bytes at 100 B/s earn a second beyond the grace; the pause is half of it.
	c := dialPost(t, addr, 150, strings.Repeat("a", 100))
	time.Sleep(500 * time.Millisecond)
	io.WriteString(c, strings.Repeat("b", 50))
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || string(b) != "got 150" {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
}

// TestAClientThatDoesNotReadLosesItsConnection: a response the client does not
// read fails once it is past its pace, rather than blocking the handler for good.
func TestAClientThatDoesNotReadLosesItsConnection(t *testing.T) {
	failed := make(chan error, 1)
	l := short
	l.MinRate = 64 << 10
	addr := serve(t, l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := w.Write(make([]byte, 256<<20)) // far beyond what the sockets buffer
		failed <- err
	}))
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	select {
	case err := <-failed:
		if err == nil {
			t.Fatal("the whole response was written to a client that reads nothing")
		}
	case <-time.After(20 * time.Second): // only keeps a broken server from hanging the test
		t.Fatal("the write to a client that reads nothing never failed")
	}
}

// TestConnectionsPerAddress: the third connection from one address is closed
// at once while two are open; a place freed is taken again.
func TestConnectionsPerAddress(t *testing.T) {
	l := short
	l.PerAddress = 2
	addr := serve(t, l, upload)
	first := dialPost(t, addr, 10, "")
	dialPost(t, addr, 10, "")
	// The server has accepted both once each answers; they stay open waiting for a body.
	third := dialPost(t, addr, 10, "0123456789")
	if got, closed := closedByServer(t, third); !closed || got != "" {
		t.Fatalf("a third connection was served: %q", got)
	}
	io.WriteString(first, "0123456789")
	res, err := http.ReadResponse(bufio.NewReader(first), nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("the first connection: %v %v", res, err)
	}
	first.Close()
	// Once the server has seen the first close, a new connection is served.
	for i := 0; ; i++ {
		c := dialPost(t, addr, 10, "0123456789")
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		if res, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil && res.StatusCode == 200 {
			break
		}
		if i == 100 {
			t.Fatal("the freed place was never given again")
		}
	}
}
