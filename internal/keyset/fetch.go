package keyset

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

// Query is a list to page: the columns to read, the FROM clause with its
// joins, the condition that makes the list (WHERE without the word) and
// its arguments, and the order, whose columns the FROM clause names.
type Query struct {
	Columns string
	From    string
	Where   string
	Args    []any
	Order   Order
}

// Fetch reads one page of q: its rows, scanned by scan, which also returns
// each row's sort key values; and the list's total (up to CountCap). Two
// statements, whatever the list's length: the page by the index, and the
// count.
func Fetch[T any](ctx context.Context, db store.Querier, q Query, req Request, scan func(Scanner) (T, []any, error)) (Page[T], error) {
	var total int
	if err := db.QueryRow(ctx, CountSQL(q.From+` WHERE `+q.Where), append(append([]any{}, q.Args...), CountLimit)...).Scan(&total); err != nil {
		return Page[T]{}, fmt.Errorf("keyset: unable to count the list: %w", err)
	}
	after, afterArgs := q.Order.After(req.After)
	args := append(append(append([]any{}, q.Args...), afterArgs...), Limit(req))
	rows, err := db.Query(ctx, `SELECT `+q.Columns+` FROM `+q.From+` WHERE (`+q.Where+`) AND `+after+
		` ORDER BY `+q.Order.By()+` LIMIT ?`, args...)
	if err != nil {
		return Page[T]{}, fmt.Errorf("keyset: unable to read a page: %w", err)
	}
	defer rows.Close()
	var (
		items []T
		keys  [][]any
	)
	for rows.Next() {
		it, key, err := scan(rows)
		if err != nil {
			return Page[T]{}, fmt.Errorf("keyset: unable to read a row: %w", err)
		}
		items, keys = append(items, it), append(keys, key)
	}
	if err := rows.Err(); err != nil {
		return Page[T]{}, fmt.Errorf("keyset: unable to read a page: %w", err)
	}
	p := Trim(items, req, total, nil)
	if len(items) > len(p.Items) {
		p.Next = At(keys[len(p.Items)-1]...)
	}
	return p, nil
}

// Scanner is a row of a query's result.
type Scanner interface{ Scan(dest ...any) error }
