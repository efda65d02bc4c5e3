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
package event
