package conns

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// pace is an allowance: Grace from its start, plus a second for every MinRate
// bytes transferred since.
type pace struct {
	start time.Time
	grace time.Duration
	rate  int64
	bytes int64
}

// after counts n more bytes and returns the end of the allowance.
func (p *pace) after(n int) time.Time {
	p.bytes += int64(n)
	return p.start.Add(p.grace + time.Duration(p.bytes)*time.Second/time.Duration(p.rate))
}

// Paced runs h with each request's body and response on a pace (see the
// package comment). The server's own work between them is not the client's
// doing and is not limited.
func Paced(h http.Handler, l Limits) http.Handler {
	if l.MinRate <= 0 || l.Grace <= 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		// Errors mean the writer takes no deadlines (a test's recorder); the
		// server's connections always do. A deadline left by the connection's
		// previous request is cleared.
		_ = rc.SetWriteDeadline(time.Time{})
		if r.Body != nil && r.Body != http.NoBody {
			body := &pacedBody{ReadCloser: r.Body, rc: rc, p: pace{start: time.Now(), grace: l.Grace, rate: l.MinRate}}
			_ = rc.SetReadDeadline(body.p.after(0))
			r.Body = body
		}
		h.ServeHTTP(&pacedWriter{ResponseWriter: w, rc: rc, l: l}, r)
	})
}

// pacedBody moves the read deadline as the body arrives, and lifts it once
// the body is read: the connection then waits for nothing from the client.
type pacedBody struct {
	io.ReadCloser
	rc *http.ResponseController
	p  pace
}

func (b *pacedBody) Read(buf []byte) (int, error) {
	n, err := b.ReadCloser.Read(buf)
	if errors.Is(err, io.EOF) {
		_ = b.rc.SetReadDeadline(time.Time{})
	} else {
		_ = b.rc.SetReadDeadline(b.p.after(n))
	}
	return n, err
}

// pacedWriter moves the write deadline as the response leaves: each piece of
// one second's bytes must leave within the grace and its second. Counting on
// average, as for the body, would not do here: the bytes the kernel buffers at
// once (megabytes) would earn a client that reads nothing a long credit.
type pacedWriter struct {
	http.ResponseWriter
	rc *http.ResponseController
	l  Limits
}

func (w *pacedWriter) Write(buf []byte) (int, error) {
	written := 0
	for len(buf) > 0 {
		piece := buf[:min(int64(len(buf)), w.l.MinRate)]
		_ = w.rc.SetWriteDeadline(time.Now().Add(w.l.Grace + time.Duration(len(piece))*time.Second/time.Duration(w.l.MinRate)))
		n, err := w.ResponseWriter.Write(piece)
		written += n
		if err != nil {
			return written, err
		}
		buf = buf[n:]
	}
	return written, nil
}

// Unwrap lets http.ResponseController reach the connection.
func (w *pacedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
