package catalog

import "github.com/shenpi/shenpi/internal/event"

// Event types the catalogue appends to an item's stream (Stream).
const (
	EventItemCreated    = "item.created"
	EventDraftSaved     = "item.draft_saved"
	EventSubmitted      = "item.submitted"
	EventReturned       = "item.returned"
	EventPublished      = "item.published"
	EventVersionCreated = "item.version_created"
	EventWithdrawn      = "item.withdrawn"
)

// Payloads maps the catalogue's event types to their payloads.
var Payloads = event.Payloads{
	EventItemCreated:    ItemCreatedPayload{},
	EventDraftSaved:     DraftSavedPayload{},
	EventSubmitted:      VersionPayload{},
	EventReturned:       ReturnedPayload{},
	EventPublished:      PublishedPayload{},
	EventVersionCreated: VersionCreatedPayload{},
	EventWithdrawn:      WithdrawnPayload{},
}

// The payload fields are in the order of their JSON keys: the payloads were
// maps before they had types, and so they still encode byte for byte alike.
// Digest is the version's Item.Digest.

// ItemCreatedPayload is the payload of item.created (version 1 as a draft).
type ItemCreatedPayload struct {
	Department string `json:"department"`
	Digest     string `json:"digest"`
	Name       string `json:"name"`
	Version    int    `json:"version"`
}

// DraftSavedPayload is the payload of item.draft_saved; Via is "import"
// when an import saved it.
type DraftSavedPayload struct {
	Digest  string `json:"digest"`
	Version int    `json:"version"`
	Via     string `json:"via,omitempty"`
}

// VersionPayload is the payload of item.submitted.
type VersionPayload struct {
	Version int `json:"version"`
}

// ReturnedPayload is the payload of item.returned: a reviewer sent the
// version back to its author.
type ReturnedPayload struct {
	Reason  string `json:"reason"`
	Version int    `json:"version"`
}

// PublishedPayload is the payload of item.published; Supersedes is the
// version it replaces (0 for none), Via "review" or "import".
type PublishedPayload struct {
	Digest     string `json:"digest"`
	Supersedes int    `json:"supersedes"`
	Version    int    `json:"version"`
	Via        string `json:"via"`
}

// VersionCreatedPayload is the payload of item.version_created: a draft
// copied From the published version.
type VersionCreatedPayload struct {
	Digest  string `json:"digest"`
	From    int    `json:"from"`
	Version int    `json:"version"`
}

// WithdrawnPayload is the payload of item.withdrawn.
type WithdrawnPayload struct {
	Reason string `json:"reason"`
}
