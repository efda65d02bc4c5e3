// Package refusal maps a domain's refusal (internal/refuse: not found,
// forbidden, conflict, invalid) to its HTTP answer, once for pages and the
// API alike: the status, the API's code, the error page, and the message
// key (with its arguments and field) saying why.
package refusal

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/refuse"
)

// A refusal's kind decides its status and its API code, here and nowhere
// else; a handler that has a better answer for one refusal (the form again
// with the problem beside its field, say) gives it before asking Of.
var kinds = []struct {
	kind   error
	status int
	code   string
	page   string // the page, and the prefix of its title and body keys
}{
	{refuse.ErrNotFound, http.StatusNotFound, "not_found", "notfound"},
	{refuse.ErrForbidden, http.StatusForbidden, "forbidden", "forbidden"},
	{refuse.ErrConflict, http.StatusConflict, "conflict", "conflict"},
	{refuse.ErrInvalid, http.StatusUnprocessableEntity, "invalid", "invalid"},
}

// Answer is how a refusal is answered.
type Answer struct {
	Status int
	Code   string // for the API
	Page   string // prefix of the error page's title key: error.PAGE.title
	Key    string // why, as a message key
	Args   map[string]any
	Field  string // the field at fault, if any
}

// Of returns the answer to err, or false when err is no refusal (an
// internal error, then).
func Of(err error) (Answer, bool) {
	for _, k := range kinds {
		if !errors.Is(err, k.kind) {
			continue
		}
		a := Answer{Status: k.status, Code: k.code, Page: k.page, Key: "error." + k.page + ".body"}
		var re *refuse.Error
		if errors.As(err, &re) {
			if re.Key != "" {
				a.Key, a.Field, a.Args = re.Key, re.Field, re.Args
			}
			if re.Code != "" {
				a.Code = re.Code
			}
		}
		return a, true
	}
	return Answer{}, false
}
