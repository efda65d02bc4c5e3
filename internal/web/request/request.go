// Package request carries what the shell's middleware learns about a
// request (its id, language and user) to the handlers of every audience.
package request

import (
	"context"
	"net"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/messages"
)

// Info is what the middleware learns about a request.
type Info struct {
	ID   string
	Lang string
	// User is the logged-in user; a zero ID means an anonymous visitor.
	User org.User
	// Session is the session cookie's value, for logout.
	Session string
}

type key struct{}

// With returns r carrying in.
func With(r *http.Request, in *Info) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), key{}, in))
}

// From returns what the middleware learnt about r; a request that did not
// pass through it is an anonymous one in Chinese.
func From(r *http.Request) *Info {
	if in, ok := r.Context().Value(key{}).(*Info); ok {
		return in
	}
	return &Info{Lang: messages.Chinese.String()}
}

// IsAPI reports whether r is for the JSON API, which answers every
// outcome, errors included, in JSON.
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// ClientAddr is the address throttling counts attempts against: the peer's
// host, without its port.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
