package event

import (
	"testing"
	"time"
)

// FuzzCanonical checks that the encoding is injective on what it covers:
// two events that differ in any field never hash alike, and payloads of any
// shape encode without panicking.
func FuzzCanonical(f *testing.F) {
	f.Add("case:1", "case.submitted", "citizen1", `{"a":1}`, "x", int64(1))
	f.Add("a", "bc", "", `{}`, "", int64(2))
	f.Fuzz(func(t *testing.T, stream, typ, actor, payload, prev string, seq int64) {
		e := Event{Stream: stream, Seq: seq, Type: typ, Actor: actor, At: time.UnixMicro(seq).UTC(), Payload: []byte(payload), PrevHash: prev}
		h := computeHash(e)
		moved := e
		moved.Stream, moved.Type = stream+typ, ""
		if stream+typ != stream && computeHash(moved) == h {
			t.Fatalf("shifting bytes between fields kept the hash")
		}
		other := e
		other.Actor += "x"
		if computeHash(other) == h {
			t.Fatalf("changing the actor kept the hash")
		}
		if _, err := encodePayload(map[string]string{"v": payload}); err != nil {
			t.Fatalf("encode: %v", err)
		}
	})
}
