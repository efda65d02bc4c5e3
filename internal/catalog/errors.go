package catalog

import (
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/refuse"
)

var (
	// ErrNotFound: no such item or version (or not visible in that state).
	ErrNotFound = refuse.NotFound("catalog: not found", "")
	// ErrConflict: the item code is taken, or a draft already exists.
	ErrConflict = refuse.Conflict("catalog: conflict", "")
	// ErrState: the version is not in a state that allows the change, e.g.
	// editing a published version.
	ErrState = refuse.Conflict("catalog: not allowed in this state", "")
	// ErrSelfReview: the person who submitted a version may not publish it.
	ErrSelfReview = refuse.Forbidden("catalog: the submitter may not publish their own version", "")
)

// InvalidError says which field of which item is wrong, with a message key
// (and its arguments) the web layer translates. Field is a dotted path with
// 0-based indices, e.g. "materials.2.name" or "form.fields.0.options".
type InvalidError struct {
	Item  string
	Field string
	Key   string
	Args  map[string]any
}

func (e *InvalidError) Error() string {
	s := "catalog: "
	if e.Item != "" {
		s += "item " + e.Item + ": "
	}
	return s + "invalid " + e.Field + " (" + e.Key + ")"
}

// Is makes an invalid item a refuse.ErrInvalid.
func (e *InvalidError) Is(target error) bool { return target == refuse.ErrInvalid }

func invalid(field, key string, args ...any) *InvalidError {
	e := &InvalidError{Field: field, Key: key}
	if len(args) > 1 {
		e.Args = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			e.Args[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return e
}

// ImportError lists every problem found in an import file; nothing was
// changed.
type ImportError struct {
	Problems []*InvalidError
}

// Is makes a refused import a refuse.ErrInvalid.
func (e *ImportError) Is(target error) bool { return target == refuse.ErrInvalid }

func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "catalog: import refused, %d problem(s)", len(e.Problems))
	for i, p := range e.Problems {
		if i == 5 {
			b.WriteString("; …")
			break
		}
		b.WriteString("; ")
		b.WriteString(strings.TrimPrefix(p.Error(), "catalog: "))
	}
	return b.String()
}
