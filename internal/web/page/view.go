package page

import (
	"fmt"
	"net/url"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/web/messages"
)

// View is what every page template receives.
type View struct {
	Lang      string
	User      *org.User
	Path      string
	RequestID string
	Flash     string
	Form      url.Values
	Errors    map[string]string // field → message key
	Data      any
	// Site is the deployment's identity, for the header and the footer.
	Site site.Identity

	msgs *messages.Messages
}

// T translates a key in the page's language; args are name/value pairs.
func (v *View) T(key string, args ...any) string {
	var data map[string]any
	if len(args) > 1 {
		data = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			data[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return v.msgs.T(v.Lang, key, data)
}

// TArgs translates key with the arguments a domain problem carries.
func (v *View) TArgs(key string, args map[string]any) string {
	return v.msgs.T(v.Lang, key, args)
}

// Err returns the translated problem for a form field, or "".
func (v *View) Err(field string) string {
	if key, ok := v.Errors[field]; ok {
		return v.T(key)
	}
	return ""
}

// Value returns what the user typed in a field, to put it back.
func (v *View) Value(field string) string { return v.Form.Get(field) }

// ViewIn is an empty view in lang, not tied to a request: for code that
// reads forms or translates outside one, such as fuzz tests.
func ViewIn(msgs *messages.Messages, lang string) *View {
	return &View{Lang: lang, Form: url.Values{}, Errors: map[string]string{}, msgs: msgs}
}
