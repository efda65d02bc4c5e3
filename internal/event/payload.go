package event

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Decode reads e's payload as P, the payload struct its domain publishes
// for e.Type (each domain's event.go), so a consumer needs nothing but
// the exported type to read any event.
func Decode[P any](e Event) (P, error) {
	var p P
	if err := json.Unmarshal(e.Payload, &p); err != nil {
		return p, fmt.Errorf("event: unable to decode %s %d (%s): %w", e.Stream, e.Seq, e.Type, err)
	}
	return p, nil
}

// Payloads maps the event types of a domain to their payload structs (a
// zero value of each): every domain publishes one, so that a reader that
// meets an event of any type can decode it without knowing in advance
// which to expect. flow, which does no I/O, publishes a plain map of the
// same shape.
type Payloads map[string]any

// Decode reads e's payload as a pointer to a new value of the struct
// registered for e.Type.
func (ps Payloads) Decode(e Event) (any, error) {
	zero, ok := ps[e.Type]
	if !ok {
		return nil, fmt.Errorf("event: no payload registered for %s", e.Type)
	}
	p := reflect.New(reflect.TypeOf(zero)).Interface()
	if err := json.Unmarshal(e.Payload, p); err != nil {
		return nil, fmt.Errorf("event: unable to decode %s %d (%s): %w", e.Stream, e.Seq, e.Type, err)
	}
	return p, nil
}
