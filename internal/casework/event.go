package casework

import "github.com/shenpi/shenpi/internal/event"

// Event types casework appends: draft.* to a draft's stream, case.* to the
// case's (whose process events are flow's, see flow/event.go).
const (
	EventDraftCreated         = "draft.created"
	EventDraftSaved           = "draft.saved"
	EventDraftMaterialAdded   = "draft.material_added"
	EventDraftMaterialRemoved = "draft.material_removed"
	EventSubmitted            = "case.submitted"
	EventMaterialAdded        = "case.material_added"
	EventWithdrawn            = "case.withdrawn"
)

// Payloads maps casework's event types to their payloads.
var Payloads = event.Payloads{
	EventDraftCreated:         DraftCreatedPayload{},
	EventDraftSaved:           DraftSavedPayload{},
	EventDraftMaterialAdded:   MaterialPayload{},
	EventDraftMaterialRemoved: MaterialRemovedPayload{},
	EventSubmitted:            SubmittedPayload{},
	EventMaterialAdded:        MaterialPayload{},
	EventWithdrawn:            WithdrawnPayload{},
	EventSpecialStarted:       SpecialStartedPayload{},
	EventSpecialEnded:         SpecialEndedPayload{},
	EventExtensionRequested:   ExtensionRequestedPayload{},
	EventExtensionApproved:    ExtensionApprovedPayload{},
	EventExtensionRefused:     ExtensionRefusedPayload{},
	EventFeesAssessed:         FeesAssessedPayload{},
	EventFeesPaid:             FeesPaidPayload{},
	EventFeesLapsed:           FeesLapsedPayload{},
}

// The payload fields are in the order of their JSON keys: the payloads were
// maps before they had types, and so they still encode byte for byte alike.

// DraftCreatedPayload is the payload of draft.created.
type DraftCreatedPayload struct {
	ApplicantID int64  `json:"applicant_id"`
	Item        string `json:"item"`
	Version     int    `json:"version"`
}

// DraftSavedPayload is the payload of draft.saved: how many fields the form has.
type DraftSavedPayload struct {
	Fields int `json:"fields"`
}

// MaterialPayload is the payload of draft.material_added and
// case.material_added, and one material of case.submitted.
type MaterialPayload struct {
	Filename string `json:"filename"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Slot     int    `json:"slot"`
}

// MaterialRemovedPayload is the payload of draft.material_removed.
type MaterialRemovedPayload struct {
	SHA256 string `json:"sha256"`
	Slot   int    `json:"slot"`
}

// SubmittedPayload is the payload of case.submitted: the case as received.
// AcceptanceDue is RFC 3339; RegisteredBy is the clerk's user id, 0 online.
type SubmittedPayload struct {
	AcceptanceDue string  `json:"acceptance_due"`
	ApplicantID   int64   `json:"applicant_id"`
	Channel       Channel `json:"channel"`
	DepartmentID  int64   `json:"department_id"`
	// Form is the form of a case received before forms were sealed;
	// SealedForm (case.submitted.form, internal/seal) holds it since.
	Form         Form              `json:"form,omitempty"`
	SealedForm   string            `json:"form_sealed,omitempty"`
	Item         string            `json:"item"`
	Materials    []MaterialPayload `json:"materials"`
	RegisteredBy int64             `json:"registered_by"`
	Version      int               `json:"version"`
}

// AppliedFor is the item code applied for: the catalogue counts the use.
func (p SubmittedPayload) AppliedFor() string { return p.Item }

// WithdrawnPayload is the payload of case.withdrawn.
type WithdrawnPayload struct {
	Reason string `json:"reason"`
}

func materialPayload(m Material) MaterialPayload {
	return MaterialPayload{Filename: m.Filename, SHA256: m.SHA256, Size: m.Size, Slot: m.Slot}
}
