// Package event owns the append-only event log, the spine of Shenpi.
//
// Every state change appends an event in the same transaction as the change.
// Events are grouped in streams (a case, a user, a calendar…); each carries a
// sequence number within its stream and the SHA-256 hash of its predecessor,
// so editing or deleting a stored event breaks the chain and Verify finds it.
// The application never updates or deletes an event.
//
// A chain cannot show that its end was cut off, or that it was rewritten and
// rehashed from some event on. So each stream's head is kept in event_heads
// and Verify holds every stream to it, and a checkpoint chain (checkpoint.go)
// pins every head by a Merkle root at intervals; exported to a file kept
// outside the database (checkpointfile.go), it is the anchor that no rewrite
// inside the database can move. docs/events.md describes the formats.
//
// # Typed events
//
// The log stores a type and a JSON payload; it does not know what they mean.
// Each domain publishes its event types and payload structs in one file,
// event.go (casework, catalog, org, auth, deadline, process; flow for a
// case's process), with a Payloads table from type to payload, so a reader
// decodes any event from its type alone: Decode[P] when it knows the type,
// Payloads.Decode when it does not. The payload structs encode the keys the
// payloads had when they were maps, so events stored before they had types
// read the same. A payload stays small: a fan-out (the million cases a
// calendar edit moved) is kept in its domain's table, keyed by the event,
// with a count and a digest in the event (see deadline.CalendarChangedPayload).
//
// # Projectors
//
// A projector keeps a table derived from events (a catalogue item's use
// count) in the transaction that appends each event, so the table never lags
// the log and a projector's failure fails the change. Packages register
// projectors on a Projectors value built at start-up, which is installed on
// the database (Install); see Projectors for why the database holds it.
// Readers that may lag, or live elsewhere, read the log instead.
package event
