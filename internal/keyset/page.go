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

// CountCap bounds the counting of a list's total: a list longer than this
// has a total of CountCap with More set ("more than 10,000"). Counting reads
// one index entry per row, so an exact total of a department's hundred
// thousand open tasks would cost a first page more than the budget of the
// whole page; nobody reads a list that long to its end, and its exact size
// is the statistics' business.
const CountCap = 10_000

// Page is one page of a list: its rows, the whole list's total (a lower
// bound when More is set), and the cursor of the next page (zero on the
// last page).
type Page[T any] struct {
	Items []T
	Total int
	More  bool
	Next  Cursor
}

// Capped makes a total counted with a LIMIT of CountCap+1 (see CountSQL) a
// total and whether the list is longer.
func Capped(n int) (total int, more bool) {
	if n > CountCap {
		return CountCap, true
	}
	return n, false
}

// CountSQL is the statement counting the rows of FROM … WHERE …, reading no
// more than CountCap+1 of them; its last argument is CountLimit.
func CountSQL(fromWhere string) string {
	return `SELECT COUNT(*) FROM (SELECT 1 FROM ` + fromWhere + ` LIMIT ?) counted`
}

// CountLimit is the argument of CountSQL's LIMIT.
const CountLimit = CountCap + 1

// Map turns a page of one kind of row into a page of another.
func Map[T, U any](p Page[T], f func(T) U) Page[U] {
	out := Page[U]{Items: make([]U, len(p.Items)), Total: p.Total, More: p.More, Next: p.Next}
	for i, it := range p.Items {
		out.Items[i] = f(it)
	}
	return out
}

// Trim makes a page of rows read with a LIMIT of Limit(req): the extra row,
// when there is one, says a next page exists and is dropped; key gives a
// row's sort key values (nil: the caller sets Next itself). counted is the
// list's count, read with CountSQL.
func Trim[T any](rows []T, req Request, counted int, key func(T) []any) Page[T] {
	n := req.size()
	p := Page[T]{Items: rows}
	p.Total, p.More = Capped(counted)
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
