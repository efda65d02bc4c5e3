package ident

import (
	"strings"
	"testing"
)

func TestMessages(t *testing.T) {
	keys := []string{
		keyResidentIDLength, keyResidentIDChars, keyResidentIDBirth, keyResidentIDCheck,
		keyCreditCodeLength, keyCreditCodeChars, keyCreditCodeCheck,
		keyMobileFormat, keyRegionCodeFormat,
	}
	if len(Messages) != len(keys) {
		t.Errorf("Messages has %d keys, want %d", len(Messages), len(keys))
	}
	for _, k := range keys {
		m, ok := Messages[k]
		if !ok || m[0] == "" || m[1] == "" {
			t.Errorf("%s: missing text %q", k, m)
		}
		if !strings.HasPrefix(k, "ident.") {
			t.Errorf("%s: key outside ident.", k)
		}
		if !strings.HasSuffix(m[1], ".") {
			t.Errorf("%s: English %q is not a sentence", k, m[1])
		}
		if p := problem(k); p.Error() != m[1] {
			t.Errorf("%s: Error() = %q", k, p.Error())
		}
	}
	var p *Problem
	_ = p.Error() // nil receiver must not panic
}
