package site

import "github.com/shenpi/shenpi/internal/event"

// Stream is the event stream of the site's identity.
const Stream = "site"

// EventIdentitySet: a system administrator set the site's identity.
const EventIdentitySet = "site.identity_set"

// IdentitySetPayload is the identity as set.
type IdentitySetPayload struct {
	Contact    string `json:"contact"`
	Name       string `json:"name"`
	NameEn     string `json:"name_en"`
	RegionCode string `json:"region_code"`
}

// Payloads are the payloads of the site's events, by type.
var Payloads = event.Payloads{
	EventIdentitySet: IdentitySetPayload{},
}
