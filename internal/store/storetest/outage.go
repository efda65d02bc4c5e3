package storetest

import (
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// Line is a TCP relay between a test's PostgreSQL connections and the
// server in SHENPI_TEST_PG. Cut ends every connection through it and
// refuses new ones, which is what a server sees when PostgreSQL goes down:
// the other tests on the shared server go on undisturbed.
type Line struct {
	ln       net.Listener
	upstream func() (net.Conn, error)
	mu       sync.Mutex
	conns    []net.Conn
	cut      bool
}

// PostgresLine makes a schema of the test's own (as PostgresDSN) and a
// Line to the server, and returns a DSN that connects through the Line.
func PostgresLine(t testing.TB) (string, *Line) {
	t.Helper()
	dsn := PostgresDSN(t)
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	network, addr := "tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
	if strings.HasPrefix(cfg.Host, "/") {
		network, addr = "unix", filepath.Join(cfg.Host, ".s.PGSQL."+strconv.Itoa(int(cfg.Port)))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &Line{ln: ln, upstream: func() (net.Conn, error) { return net.Dial(network, addr) }}
	go l.accept()
	t.Cleanup(l.Cut)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = ""
	q := u.Query()
	q.Set("host", "127.0.0.1")
	q.Set("port", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return u.String(), l
}

func (l *Line) accept() {
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		up, err := l.upstream()
		if err != nil {
			c.Close()
			continue
		}
		l.mu.Lock()
		if l.cut {
			l.mu.Unlock()
			c.Close()
			up.Close()
			return
		}
		l.conns = append(l.conns, c, up)
		l.mu.Unlock()
		go func() { io.Copy(up, c); up.Close() }()
		go func() { io.Copy(c, up); c.Close() }()
	}
}

// Cut ends every connection and refuses new ones.
func (l *Line) Cut() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cut = true
	l.ln.Close()
	for _, c := range l.conns {
		c.Close()
	}
	l.conns = nil
}
