package ident

import (
	"errors"
	"testing"
)

// withResidentCheck appends the GB 11643 check character to 17 digits,
// computed independently of the package code.
func withResidentCheck(d17 string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(d17[i]-'0') * w[i]
	}
	return d17 + string("10X98765432"[sum%11])
}

// withCreditCheck appends the GB 32100 check character to 17 characters.
func withCreditCheck(c17 string) string {
	const cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	w := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i := range 17 {
		for v := range len(cs) {
			if cs[v] == c17[i] {
				sum += v * w[i]
			}
		}
	}
	return c17 + string(cs[(31-sum%31)%31])
}

// wantKey fails unless err is a *Problem with the given key ("" = nil).
func wantKey(t *testing.T, in string, err error, key string) {
	t.Helper()
	if key == "" {
		if err != nil {
			t.Errorf("%q: unexpected error %v", in, err)
		}
		return
	}
	var p *Problem
	if !errors.As(err, &p) {
		t.Errorf("%q: error = %v, want Problem %s", in, err, key)
		return
	}
	if p.Key != key {
		t.Errorf("%q: key = %s, want %s", in, p.Key, key)
	}
	if p.Error() == "" || p.Error() != Messages[key][1] {
		t.Errorf("%q: Error() = %q, want the English message", in, p.Error())
	}
}
