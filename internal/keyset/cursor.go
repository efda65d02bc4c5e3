package keyset

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/refuse"
)

// Cursor is the sort key of the last row of a page: the values of the
// list's order columns, each an int64 or a string. The zero Cursor is the
// start of the list.
type Cursor struct {
	key []any
}

// ErrCursor refuses a cursor that is not one of the list's.
var ErrCursor = refuse.Field("keyset: the cursor is not one of this list's", "cursor", "page.cursor")

// At makes the cursor of a row from its sort key values (int, int64 or string).
func At(values ...any) Cursor {
	key := make([]any, len(values))
	for i, v := range values {
		switch v := v.(type) {
		case int:
			key[i] = int64(v)
		case int64, string:
			key[i] = v
		default:
			panic(fmt.Sprintf("keyset: a sort key value is an int64 or a string, not %T", v))
		}
	}
	return Cursor{key: key}
}

// IsZero reports whether c is the start of the list.
func (c Cursor) IsZero() bool { return len(c.key) == 0 }

// Values returns the sort key values, for a query's arguments.
func (c Cursor) Values() []any { return c.key }

// String encodes the cursor for a URL: base64url of its values as JSON,
// strings tagged so that "12" and 12 stay apart. "" for the start.
func (c Cursor) String() string {
	if c.IsZero() {
		return ""
	}
	enc := make([]string, len(c.key))
	for i, v := range c.key {
		switch v := v.(type) {
		case int64:
			enc[i] = "i" + strconv.FormatInt(v, 10)
		case string:
			enc[i] = "s" + v
		}
	}
	b, _ := json.Marshal(enc)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor decodes a cursor of a list sorted by n columns; "" is the
// start. A cursor that does not decode, or has another number of values,
// is refused (ErrCursor): it was not given out by this list.
func ParseCursor(s string, n int) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, ErrCursor
	}
	var enc []string
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&enc); err != nil || len(enc) != n || dec.More() {
		return Cursor{}, ErrCursor
	}
	key := make([]any, n)
	for i, e := range enc {
		switch {
		case strings.HasPrefix(e, "i"):
			v, err := strconv.ParseInt(e[1:], 10, 64)
			if err != nil {
				return Cursor{}, ErrCursor
			}
			key[i] = v
		case strings.HasPrefix(e, "s"):
			key[i] = e[1:]
		default:
			return Cursor{}, ErrCursor
		}
	}
	return Cursor{key: key}, nil
}
