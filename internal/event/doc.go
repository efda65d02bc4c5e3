// Package event owns the append-only event log, the spine of Shenpi.
//
// Every state change appends an event in the same transaction as the change.
// Events are grouped in streams (a case, a user, a calendar…); each carries a
// sequence number within its stream and the SHA-256 hash of its predecessor,
// so editing or deleting a stored event breaks the chain and Verify finds it.
// The application never updates or deletes an event.
package event
