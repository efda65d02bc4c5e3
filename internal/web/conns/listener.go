package conns

import (
	"net"
	"sync"
)

// Listener wraps ln so that an address holding perAddress open connections
// gets its next one closed at once; perAddress 0 leaves ln as it is.
func Listener(ln net.Listener, perAddress int) net.Listener {
	if perAddress <= 0 {
		return ln
	}
	return &limited{Listener: ln, max: perAddress, open: map[string]int{}}
}

type limited struct {
	net.Listener
	max  int
	mu   sync.Mutex
	open map[string]int
}

// Accept returns the next connection within the limit, closing those over it
// without a word: an HTTP answer would itself cost the server a write to a
// client that may not read.
func (l *limited) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host := hostOf(c.RemoteAddr())
		if l.take(host) {
			return &counted{Conn: c, release: func() { l.give(host) }}, nil
		}
		c.Close()
	}
}

func (l *limited) take(host string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[host] >= l.max {
		return false
	}
	l.open[host]++
	return true
}

func (l *limited) give(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[host]--; l.open[host] <= 0 {
		delete(l.open, host)
	}
}

func hostOf(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// counted gives its place back once, when closed.
type counted struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *counted) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
