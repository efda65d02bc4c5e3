package refuse

import "errors"

// The kinds of refusal. A domain's errors are of one kind (errors.Is(err,
// refuse.ErrNotFound)); these values themselves are only compared against.
var (
	// ErrNotFound: no such thing, or not the asker's to know of. The two
	// are deliberately not told apart.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the thing exists, or is in a state that does not allow
	// the change.
	ErrConflict = errors.New("conflict")
	// ErrForbidden: the asker may see the thing but may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrInvalid: what was typed is wrong; the refusal says where.
	ErrInvalid = errors.New("invalid")
)

// Error is a refusal of one kind, with the message-catalogue key saying why
// (for the caller to translate), its arguments, the field at fault when
// there is one, and a stable code for programs when the kind is not enough.
type Error struct {
	Kind  error
	Text  string // for logs and wrapping: "catalog: the item is withdrawn"
	Key   string // message key; "" means the kind's general message
	Field string
	Args  map[string]any
	Code  string // e.g. "wrong_audience"; "" means the kind's
}

func (e *Error) Error() string { return e.Text }

// Is makes the refusal one of its kind.
func (e *Error) Is(target error) bool { return target == e.Kind }

// NotFound returns a refusal of kind ErrNotFound: use it for a domain's
// sentinel (var ErrNotFound = refuse.NotFound("org: not found", "")).
func NotFound(text, key string) *Error { return &Error{Kind: ErrNotFound, Text: text, Key: key} }

// Conflict returns a refusal of kind ErrConflict.
func Conflict(text, key string) *Error { return &Error{Kind: ErrConflict, Text: text, Key: key} }

// Forbidden returns a refusal of kind ErrForbidden.
func Forbidden(text, key string) *Error { return &Error{Kind: ErrForbidden, Text: text, Key: key} }

// Field returns a refusal of kind ErrInvalid naming the field at fault.
func Field(text, field, key string) *Error {
	return &Error{Kind: ErrInvalid, Text: text, Field: field, Key: key}
}

// KindOf returns the kind of a refusal, or nil when err is none.
func KindOf(err error) error {
	for _, k := range []error{ErrNotFound, ErrConflict, ErrForbidden, ErrInvalid} {
		if errors.Is(err, k) {
			return k
		}
	}
	return nil
}

// Reason returns the message key a refusal carries, or "".
func Reason(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}
