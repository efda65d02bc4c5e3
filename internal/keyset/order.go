package keyset

import (
	"strings"
)

// Order is a list's sort: the columns of an index, every one ascending or
// every one descending, the last of them unique, so that a row's values
// name its place. One direction for all lets the condition be a row value
// comparison, which SQLite and PostgreSQL both answer from the index.
type Order struct {
	Columns []string
	Desc    bool
}

// By is the ORDER BY clause's list: "a DESC, b DESC".
func (o Order) By() string {
	dir := ""
	if o.Desc {
		dir = " DESC"
	}
	return strings.Join(o.Columns, dir+", ") + dir
}

// After is the condition on rows after the cursor and its arguments:
// "(a, b) < (?, ?)" for a descending order; "1 = 1" at the start.
func (o Order) After(c Cursor) (string, []any) {
	if c.IsZero() {
		return "1 = 1", nil
	}
	op := " > "
	if o.Desc {
		op = " < "
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(o.Columns)), ", ")
	return "(" + strings.Join(o.Columns, ", ") + ")" + op + "(" + marks + ")", c.Values()
}
