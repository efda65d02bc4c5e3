package deadline

import "github.com/shenpi/shenpi/internal/event"

// Event types the book appends to a calendar's stream (CalendarStream).
const (
	EventCalendarCreated = "calendar.created"
	EventCalendarChanged = "calendar.changed"
)

// Payloads maps the book's event types to their payloads.
var Payloads = event.Payloads{
	EventCalendarCreated: CalendarCreatedPayload{},
	EventCalendarChanged: CalendarChangedPayload{},
}

// CalendarStream is the event stream of a calendar.
func CalendarStream(name string) string { return "calendar:" + name }

// CalendarCreatedPayload is the payload of calendar.created: a regional
// calendar derived from Parent, for Region and the regions under it.
type CalendarCreatedPayload struct {
	Parent string `json:"parent"`
	Region string `json:"region"`
}

// CalendarChangedPayload is the payload of calendar.changed: an edit moved
// MovedClocks running clocks on Calendars (the edited one and those derived
// from it), whose Owners distinct owners are too many for one event (a
// million cases, when a holiday moves): they are kept apart, keyed by the
// event's stream and sequence, and read with Book.MovedOwners, which checks
// them against their count and OwnersSHA256, the SHA-256 of the names in
// order, each followed by a newline. Events written before the owners were
// kept apart list them in MovedOwners instead, and have no count or digest.
type CalendarChangedPayload struct {
	Calendars    []string `json:"calendars"`
	MovedClocks  int      `json:"moved_clocks"`
	MovedOwners  []string `json:"moved_owners,omitempty"`
	Owners       int      `json:"owners"`
	OwnersSHA256 string   `json:"owners_sha256,omitempty"`
}
