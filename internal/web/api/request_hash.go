package api

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
)

// requestHash identifies a request for its Idempotency-Key: its method,
// path and query, and its body. A multipart body counts by its parts
// (names, file names, contents), not its bytes, since a client library
// retrying an upload picks a new boundary. The body is streamed, never
// held whole.
func requestHash(r *http.Request, body io.Reader) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s\n", r.Method, r.URL.RequestURI())
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" || params["boundary"] == "" {
		_, err := io.Copy(h, body)
		return hex.EncodeToString(h.Sum(nil)), err
	}
	mr := multipart.NewReader(body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			io.Copy(io.Discard, body) // the writer of a pipe must not block
			return "", err
		}
		fmt.Fprintf(h, "part %q %q\n", p.FormName(), p.FileName())
		if _, err := io.Copy(h, p); err != nil {
			io.Copy(io.Discard, body)
			return "", err
		}
	}
}

// hashingBody is a request's body that hashes what the handler reads (on a
// goroutine of its own, through a pipe, for a multipart body's parts).
type hashingBody struct {
	body io.ReadCloser
	pw   *io.PipeWriter
	done chan hashResult
}

type hashResult struct {
	hash string
	err  error
}

func newHashingBody(r *http.Request) *hashingBody {
	pr, pw := io.Pipe()
	b := &hashingBody{body: r.Body, pw: pw, done: make(chan hashResult, 1)}
	go func() {
		hash, err := requestHash(r, pr)
		io.Copy(io.Discard, pr)
		b.done <- hashResult{hash, err}
	}()
	return b
}

func (b *hashingBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	if n > 0 {
		b.pw.Write(p[:n])
	}
	return n, err
}

func (b *hashingBody) Close() error { return b.body.Close() }

// maxUnread bounds what finish reads of a body the handler left unread.
const maxUnread = 1 << 20

// finish hashes what the handler left unread and returns the hash; a body
// with more than maxUnread left has none.
func (b *hashingBody) finish() (string, error) {
	n, err := io.Copy(b.pw, io.LimitReader(b.body, maxUnread+1))
	if err == nil && n > maxUnread {
		err = fmt.Errorf("api: the request body was left unread")
	}
	b.pw.CloseWithError(err)
	res := <-b.done
	if err != nil {
		return "", err
	}
	return res.hash, res.err
}
