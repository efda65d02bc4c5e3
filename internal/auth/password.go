package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: OWASP's 19 MiB / 2 passes / 1 lane, which keeps a
// login under ~30 ms on the 2-core machines counties run on.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns an encoded argon2id hash with a random salt.
func HashPassword(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// CheckPassword reports whether password matches an encoded hash.
func CheckPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// CheckStrength returns a message key when a password is too weak: shorter
// than 10 characters, fewer than three of lower/upper/digit/symbol, or
// containing the username.
func CheckStrength(username, password string) string {
	if len([]rune(password)) < 10 {
		return "auth.password.short"
	}
	var lower, upper, digit, other int
	for _, r := range password {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	if lower+upper+digit+other < 3 {
		return "auth.password.simple"
	}
	if username != "" && strings.Contains(strings.ToLower(password), strings.ToLower(username)) {
		return "auth.password.username"
	}
	return ""
}

// RandomPassword makes a password of n characters from crypto/rand that
// passes CheckStrength, avoiding look-alike characters so it can be read
// out over the phone.
func RandomPassword(n int) string {
	const (
		lower  = "abcdefghjkmnpqrstuvwxyz"
		upper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
		digits = "23456789"
	)
	sets := []string{lower, upper, digits}
	all := lower + upper + digits
	out := make([]byte, n)
	buf := make([]byte, n)
	rand.Read(buf)
	for i := range out {
		set := all
		if i < len(sets) {
			set = sets[i] // guarantee every class
		}
		out[i] = set[int(buf[i])%len(set)]
	}
	// Shuffle so the guaranteed classes are not always first.
	rand.Read(buf)
	for i := n - 1; i > 0; i-- {
		j := int(buf[i]) % (i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// randomToken returns 32 random bytes, URL-safe encoded.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
