// Package seal encrypts personal data at rest — resident ID numbers,
// mobile numbers, application forms — with SM4-GCM (国密 SM4 in Galois/
// counter mode), under keys read from a key file that is kept apart from
// the database and its backups, and gives the keyed hashes (HMAC-SM3) that
// lookups by such data use instead of the data itself.
//
// Each sealed value names the key that sealed it, so keys rotate without
// rewriting anything: a new key added to the file seals what is written
// from then on, and older keys stay to open what they sealed (the event log
// is never rewritten, so its sealed forms need their key as long as they
// exist). seal never stores a key and never logs a value.
package seal

import (
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// prefix marks a sealed value: "sm4gcm:<key id>:<base64 of nonce and
// ciphertext>". A value without it was written before encryption.
const prefix = "sm4gcm:"

// Keys are the keys of one deployment.
type Keys struct {
	index   []byte                 // HMAC-SM3 key of lookups; never rotates
	current string                 // id of the key that seals
	aeads   map[string]cipher.AEAD // every key, to open what it sealed
}

// ErrNoKeys is returned when personal data must be sealed or opened but
// no keys were configured.
var ErrNoKeys = errors.New("seal: no key is configured for personal data (see --key-file)")

// New builds Keys from an index key and data keys in order of age, the
// last sealing.
func New(index []byte, data []Key) (*Keys, error) {
	if len(index) < 16 {
		return nil, errors.New("seal: the index key must be at least 16 bytes")
	}
	if len(data) == 0 {
		return nil, errors.New("seal: no data key")
	}
	k := &Keys{index: index, aeads: map[string]cipher.AEAD{}}
	for _, d := range data {
		if d.ID == "" || strings.ContainsAny(d.ID, ": \t") {
			return nil, fmt.Errorf("seal: a key id must be a word without colons, not %q", d.ID)
		}
		if _, dup := k.aeads[d.ID]; dup {
			return nil, fmt.Errorf("seal: key %s is listed twice", d.ID)
		}
		block, err := sm4.NewCipher(d.Secret)
		if err != nil {
			return nil, fmt.Errorf("seal: key %s: %w", d.ID, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("seal: key %s: %w", d.ID, err)
		}
		k.aeads[d.ID], k.current = aead, d.ID
	}
	return k, nil
}

// Key is one SM4 key (16 bytes) and its id.
type Key struct {
	ID     string
	Secret []byte
}

// Seal encrypts value under the current key. purpose (the column, say
// "users.mobile") is bound to the ciphertext, so a sealed value copied into
// another column does not open there. The empty string stays empty: it
// holds nothing personal, and "no value" stays recognisable.
func (k *Keys) Seal(purpose, value string) (string, error) {
	if value == "" {
		return "", nil
	}
	if k == nil {
		return "", ErrNoKeys
	}
	aead := k.aeads[k.current]
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(value)+aead.Overhead())
	rand.Read(nonce)
	out := aead.Seal(nonce, nonce, []byte(value), []byte(purpose))
	return prefix + k.current + ":" + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts what Seal made for the same purpose. A value that was
// never sealed (written before encryption) is returned as it is, so a
// database is readable while its older rows are being sealed.
func (k *Keys) Open(purpose, stored string) (string, error) {
	rest, ok := strings.CutPrefix(stored, prefix)
	if !ok {
		return stored, nil
	}
	if k == nil {
		return "", ErrNoKeys
	}
	id, body, ok := strings.Cut(rest, ":")
	aead := k.aeads[id]
	if !ok || aead == nil {
		return "", fmt.Errorf("seal: a %s value is sealed under key %q, which the key file does not hold", purpose, id)
	}
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(raw) < aead.NonceSize() {
		return "", fmt.Errorf("seal: a %s value is damaged", purpose)
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(purpose))
	if err != nil {
		return "", fmt.Errorf("seal: a %s value does not open under key %s (damaged, or moved from another column)", purpose, id)
	}
	return string(plain), nil
}

// IsSealed tells whether a stored value is sealed (or empty), as opposed
// to written before encryption.
func IsSealed(stored string) bool { return stored == "" || strings.HasPrefix(stored, prefix) }

// Current is the id of the key that seals; a value sealed under another
// is re-sealed when a server starts (org.SealStored, casework.SealStored).
func (k *Keys) Current() string { return k.current }

// SealedUnder returns the id of the key a stored value is sealed under, ""
// for a value not sealed.
func SealedUnder(stored string) string {
	rest, ok := strings.CutPrefix(stored, prefix)
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, ":")
	return id
}

// Index is the keyed hash (HMAC-SM3, hex) of a value already normalised
// by the caller (an ID number upper-cased, say), for looking up rows by a
// value that is stored only sealed. purpose keeps the hashes of different
// kinds of value apart. Without the key the hashes cannot be checked
// against guesses, which plain hashes of the 10^8 or so plausible ID
// numbers of one birth date could.
func (k *Keys) Index(purpose, normalised string) (string, error) {
	if k == nil {
		return "", ErrNoKeys
	}
	m := hmac.New(sm3.New, k.index)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(normalised))
	return hex.EncodeToString(m.Sum(nil)), nil
}
