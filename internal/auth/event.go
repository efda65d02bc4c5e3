package auth

import "github.com/shenpi/shenpi/internal/event"

// EventTokenIssued is the type of the event auth appends to a user's stream
// (org.User.Stream) when it issues an API token; the organisation appends
// the user's other events (org/event.go).
const EventTokenIssued = "user.token_issued"

// EventTokenRevoked is appended to a user's stream when their owner or an
// administrator revokes one of their tokens, or all of them with a password
// change or reset.
const EventTokenRevoked = "user.token_revoked"

// Payloads maps auth's event types to their payloads.
var Payloads = event.Payloads{EventTokenIssued: TokenIssuedPayload{}, EventTokenRevoked: TokenRevokedPayload{}}

// TokenIssuedPayload is the payload of user.token_issued: the token's name,
// never the token. Its fields are in the order of their JSON keys, as the
// map it was before it had a type encoded them.
type TokenIssuedPayload struct {
	Name     string `json:"name"`
	Username string `json:"username"`
}

// TokenRevokedPayload is the payload of user.token_revoked: how many tokens
// were revoked, and which one when it was one by its id.
type TokenRevokedPayload struct {
	Count    int64  `json:"count"`
	ID       int64  `json:"id,omitempty"`
	Username string `json:"username"`
}
