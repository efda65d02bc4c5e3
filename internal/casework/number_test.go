package casework

import "testing"

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"320102-20261122-00001", " 320102001-20261122-12345 ", "320102-2026112-00001", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNumber(s)
		if err != nil {
			return
		}
		again, err := ParseNumber(string(n))
		if err != nil || again != n {
			t.Fatalf("%q parsed to %q, which does not parse back (%v)", s, n, err)
		}
	})
}
