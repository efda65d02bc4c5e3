package event

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Event is one stored entry of the log.
type Event struct {
	ID       int64
	Stream   string
	Seq      int64
	Type     string
	Actor    string
	At       time.Time
	Payload  json.RawMessage
	PrevHash string
	Hash     string
	// Pos is the event's place in the order events became visible (see
	// position.go); read from the log, it is where a reader goes on from.
	Pos int64
}

// canonical is the byte string an event's hash covers: every field that
// means something, each length-prefixed so no two events encode alike.
func canonical(e Event) []byte {
	var b bytes.Buffer
	b.Grow(len(e.Stream) + len(e.Type) + len(e.Actor) + len(e.Payload) + len(e.PrevHash) + 120) // one allocation
	field := func(s string) {
		var n [binary.MaxVarintLen64]byte
		b.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		b.WriteString(s)
	}
	field("shenpi-event-v1")
	field(e.Stream)
	field(strconv.FormatInt(e.Seq, 10))
	field(e.Type)
	field(e.Actor)
	field(strconv.FormatInt(e.At.UnixMicro(), 10))
	field(string(e.Payload))
	field(e.PrevHash)
	return b.Bytes()
}

// computeHash is the hex SHA-256 of the canonical encoding.
func computeHash(e Event) string {
	sum := sha256.Sum256(canonical(e))
	return hex.EncodeToString(sum[:])
}

// encodePayload marshals a payload to compact JSON. encoding/json sorts map
// keys and keeps struct field order, so the same value always encodes alike.
func encodePayload(p any) (json.RawMessage, error) {
	if p == nil {
		return json.RawMessage("{}"), nil
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("event: unable to encode payload: %w", err)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return nil, fmt.Errorf("event: unable to encode payload: %w", err)
	}
	return b.Bytes(), nil
}
