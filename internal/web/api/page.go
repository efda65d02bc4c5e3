package api

import (
	"github.com/shenpi/shenpi/internal/keyset"
)

// pageJSON is a page of a collection as every one answers it: its rows
// under name, count (rows on this page), total (of the whole list, counted
// up to keyset.CountCap; total_capped says the list is longer) and
// next_cursor, absent on the last page.
func pageJSON[T any](name string, p keyset.Page[T]) map[string]any {
	out := map[string]any{name: p.Items, "count": len(p.Items), "total": p.Total}
	if p.More {
		out["total_capped"] = true
	}
	if !p.Next.IsZero() {
		out["next_cursor"] = p.Next.String()
	}
	return out
}
