package page

import (
	"net/http"
	"net/url"

	"github.com/shenpi/shenpi/internal/keyset"
)

// Pager is what the partial _pager.html shows under a paged list: the
// list's total, and links to its first page (when this is not it) and to
// the next (when there is one).
type Pager struct {
	Total int
	More  bool // the list has more than Total rows (keyset.CountCap)
	First string
	Next  string
}

// PagerOf makes the pager of a page read for r: the links keep the
// request's other parameters (filters, the size) and change the cursor.
func PagerOf[T any](r *http.Request, p keyset.Page[T]) Pager {
	at := func(c keyset.Cursor) string {
		q := r.URL.Query()
		q.Del("cursor")
		if !c.IsZero() {
			q.Set("cursor", c.String())
		}
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		return u.String()
	}
	pg := Pager{Total: p.Total, More: p.More}
	if r.URL.Query().Get("cursor") != "" {
		pg.First = at(keyset.Cursor{})
	}
	if !p.Next.IsZero() {
		pg.Next = at(p.Next)
	}
	return pg
}
