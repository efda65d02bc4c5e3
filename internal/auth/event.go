package auth

import "github.com/shenpi/shenpi/internal/event"

// EventTokenIssued is the type of the event auth appends to a user's stream
// (org.User.Stream) when it issues an API token; the organisation appends
// the user's other events (org/event.go).
const EventTokenIssued = "user.token_issued"

// Payloads maps auth's event types to their payloads.
var Payloads = event.Payloads{EventTokenIssued: TokenIssuedPayload{}}

// TokenIssuedPayload is the payload of user.token_issued: the token's name,
// never the token. Its fields are in the order of their JSON keys, as the
// map it was before it had a type encoded them.
type TokenIssuedPayload struct {
	Name     string `json:"name"`
	Username string `json:"username"`
}
