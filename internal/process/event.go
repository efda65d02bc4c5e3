package process

import (
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/flow"
)

// Event types process appends: process.* to a definition's stream (Stream),
// delegation.* to a user's delegations (DelegationStream). A running case's
// events are flow's (flow/event.go, FlowPayloads), appended to the case's
// stream.
const (
	EventDraftCreated      = "process.draft_created"
	EventDraftSaved        = "process.draft_saved"
	EventPublished         = "process.published"
	EventRetired           = "process.retired"
	EventDelegationCreated = "delegation.created"
	EventDelegationEnded   = "delegation.ended"
)

// Payloads maps the event types of definitions and delegations to their
// payloads.
var Payloads = event.Payloads{
	EventDraftCreated:      DraftPayload{},
	EventDraftSaved:        DraftPayload{},
	EventPublished:         PublishedPayload{},
	EventRetired:           RetiredPayload{},
	EventDelegationCreated: DelegationCreatedPayload{},
	EventDelegationEnded:   DelegationEndedPayload{},
}

// FlowPayloads maps the event types of running cases, which the flow engine
// defines and process appends, to their payloads.
var FlowPayloads = event.Payloads(flow.Payloads)

// The payload fields are in the order of their JSON keys: the payloads were
// maps before they had types, and so they still encode byte for byte alike.
// Digest is the SHA-256 of the definition as stored.

// DraftPayload is the payload of process.draft_created and
// process.draft_saved. From is the published version a new draft copies;
// DepartmentID and Region are the scope of a definition's first version.
// Source says where it came from ("editor", "import", "demo"…).
type DraftPayload struct {
	DepartmentID int64  `json:"department_id,omitempty"`
	Digest       string `json:"digest"`
	From         int    `json:"from,omitempty"`
	Name         string `json:"name"`
	Region       string `json:"region,omitempty"`
	Source       string `json:"source"`
	Version      int    `json:"version"`
}

// PublishedPayload is the payload of process.published; Retired lists the
// versions publishing it retired.
type PublishedPayload struct {
	Digest  string `json:"digest"`
	Retired []int  `json:"retired"`
	Version int    `json:"version"`
}

// RetiredPayload is the payload of process.retired.
type RetiredPayload struct {
	Version int `json:"version"`
}

// DelegationCreatedPayload is the payload of delegation.created: User's
// tasks go to Deputy From one instant To another.
type DelegationCreatedPayload struct {
	Deputy string    `json:"deputy"`
	From   time.Time `json:"from"`
	ID     int64     `json:"id"`
	Reason string    `json:"reason"`
	To     time.Time `json:"to"`
	User   string    `json:"user"`
}

// DelegationEndedPayload is the payload of delegation.ended: the delegation
// now ends at To.
type DelegationEndedPayload struct {
	ID int64     `json:"id"`
	To time.Time `json:"to"`
}
