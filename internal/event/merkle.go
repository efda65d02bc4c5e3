package event

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// Leaf and node prefixes keep a leaf from ever hashing like a node (RFC 6962,
// section 2.1): without them, a forged head list could present two children's
// hashes as one leaf and reach the same root.
const (
	leafPrefix = 0x00
	nodePrefix = 0x01
)

// merkle computes the root over stream heads given one at a time in
// ascending byte order of stream name. The tree has the shape of RFC 6962's
// Merkle Tree Hash: for n > 1 leaves, the left subtree holds the largest
// power of two below n. It keeps one perfect subtree per bit of the count,
// so memory stays logarithmic in the number of streams.
type merkle struct {
	stack []subtree
	count int64
	buf   []byte
}

// subtree is the root of a perfect subtree of size leaves.
type subtree struct {
	sum  [sha256.Size]byte
	size int64
}

// leafHash is SHA-256(0x00 || uvarint(len(stream)) || stream ||
// uint64 big-endian seq || uvarint(len(hash)) || hash), hash being the
// event's hash as its 64 lower-case hex characters.
func (m *merkle) leafHash(h Head) [sha256.Size]byte {
	b := append(m.buf[:0], leafPrefix)
	b = binary.AppendUvarint(b, uint64(len(h.Stream)))
	b = append(b, h.Stream...)
	b = binary.BigEndian.AppendUint64(b, uint64(h.Seq))
	b = binary.AppendUvarint(b, uint64(len(h.Hash)))
	b = append(b, h.Hash...)
	m.buf = b
	return sha256.Sum256(b)
}

// nodeHash is SHA-256(0x01 || left || right), each child its 32 raw bytes.
func nodeHash(left, right [sha256.Size]byte) [sha256.Size]byte {
	var b [1 + 2*sha256.Size]byte
	b[0] = nodePrefix
	copy(b[1:], left[:])
	copy(b[1+sha256.Size:], right[:])
	return sha256.Sum256(b[:])
}

// add appends the next leaf.
func (m *merkle) add(h Head) {
	m.count++
	m.stack = append(m.stack, subtree{sum: m.leafHash(h), size: 1})
	for n := len(m.stack); n >= 2 && m.stack[n-1].size == m.stack[n-2].size; n = len(m.stack) {
		m.stack[n-2] = subtree{sum: nodeHash(m.stack[n-2].sum, m.stack[n-1].sum), size: 2 * m.stack[n-1].size}
		m.stack = m.stack[:n-1]
	}
}

// root is the hex Merkle root of the leaves added so far; of none, the
// SHA-256 of the empty string.
func (m *merkle) root() string {
	if len(m.stack) == 0 {
		sum := sha256.Sum256(nil)
		return hex.EncodeToString(sum[:])
	}
	sum := m.stack[len(m.stack)-1].sum
	for i := len(m.stack) - 2; i >= 0; i-- {
		sum = nodeHash(m.stack[i].sum, sum)
	}
	return hex.EncodeToString(sum[:])
}

// merkleRoot is the root over heads already in ascending stream order.
func merkleRoot(heads []Head) string {
	var m merkle
	for _, h := range heads {
		m.add(h)
	}
	return m.root()
}
