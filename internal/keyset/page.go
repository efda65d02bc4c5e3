package keyset

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/refuse"
)

// Page sizes: DefaultSize when the caller names none, never more than
// MaxSize, so a page costs a bounded amount whatever the list's length.
const (
	DefaultSize = 20
	MaxSize     = 100
)

// ErrSize refuses a page size that is not a whole number from 1 to MaxSize.
var ErrSize = &refuse.Error{Kind: refuse.ErrInvalid, Text: "keyset: the page size is not from 1 to 100",
	Field: "limit", Key: "page.limit", Args: map[string]any{"Max": MaxSize}}

// Request is the page a caller asks for: how many rows, after which.
type Request struct {
	Size  int
	After Cursor
}

// First is the first page of DefaultSize rows.
func First() Request { return Request{Size: DefaultSize} }

// ParseRequest reads a page request as URLs and forms carry it: the
// cursor (see ParseCursor; the list is sorted by n columns) and the size,
// "" for DefaultSize.
func ParseRequest(cursor, size string, n int) (Request, error) {
	req := First()
	if size = strings.TrimSpace(size); size != "" {
		v, err := strconv.Atoi(size)
		if err != nil || v < 1 || v > MaxSize {
			return Request{}, ErrSize
		}
		req.Size = v
	}
	after, err := ParseCursor(strings.TrimSpace(cursor), n)
	if err != nil {
		return Request{}, err
	}
	req.After = after
	return req, nil
}

// FromQuery reads a page request from a URL's query: "cursor" and "limit",
// as ParseRequest reads them. Pages and the API name them alike.
func FromQuery(q url.Values, n int) (Request, error) {
	return ParseRequest(q.Get("cursor"), q.Get("limit"), n)
}

// size is the request's size made safe: DefaultSize when unset, at most MaxSize.
func (r Request) size() int {
	switch {
	case r.Size <= 0:
		return DefaultSize
	case r.Size > MaxSize:
		return MaxSize
	}
	return r.Size
}

// Page is one page of a list: its rows, the whole list's total, and the
// cursor of the next page (zero on the last page).
type Page[T any] struct {
	Items []T
	Total int
	Next  Cursor
}

// Map turns a page of one kind of row into a page of another.
func Map[T, U any](p Page[T], f func(T) U) Page[U] {
	out := Page[U]{Items: make([]U, len(p.Items)), Total: p.Total, Next: p.Next}
	for i, it := range p.Items {
		out.Items[i] = f(it)
	}
	return out
}

// Trim makes a page of rows read with a LIMIT of Limit(req): the extra row,
// when there is one, says a next page exists and is dropped; key gives a
// row's sort key values (nil: the caller sets Next itself).
func Trim[T any](rows []T, req Request, total int, key func(T) []any) Page[T] {
	n := req.size()
	p := Page[T]{Items: rows, Total: total}
	if len(rows) > n {
		p.Items = rows[:n]
		if key != nil {
			p.Next = At(key(rows[n-1])...)
		}
	}
	if p.Items == nil {
		p.Items = []T{}
	}
	return p
}

// Limit is the number of rows to read for a page of req: one more than
// its size, to learn whether another page follows.
func Limit(req Request) int { return req.size() + 1 }
