package ident

import "testing"

func FuzzParseResidentID(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "11010519491231002x", " 320102198001011237 ", "110105194912310021", "", "1101051949123100XX", "11010519990230002X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseResidentID(s)
		if err != nil {
			if r != "" {
				t.Fatalf("%q: value %q with error", s, r)
			}
			if _, ok := err.(*Problem); !ok {
				t.Fatalf("%q: error %T is not a *Problem", s, err)
			}
			return
		}
		again, err := ParseResidentID(string(r))
		if err != nil || again != r {
			t.Fatalf("%q → %q does not re-parse: %q, %v", s, r, again, err)
		}
		if r.BirthDate().IsZero() || len(r.Masked()) != 18 {
			t.Fatalf("%q: bad BirthDate or Masked", r)
		}
		// Any single-digit change in the first 17 positions is caught.
		b := []byte(r)
		for i := range 17 {
			orig := b[i]
			for d := byte('0'); d <= '9'; d++ {
				if d == orig {
					continue
				}
				b[i] = d
				if _, err := ParseResidentID(string(b)); err == nil {
					t.Fatalf("%q accepted after changing position %d of %q", b, i, r)
				}
			}
			b[i] = orig
		}
	})
}

func FuzzParseCreditCode(f *testing.F) {
	for _, s := range []string{"91350100M000100Y43", "91110000100000000X", " 91350100m000100y43", "91350100MI00100Y43", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCreditCode(s)
		if err != nil {
			if c != "" {
				t.Fatalf("%q: value %q with error", s, c)
			}
			if _, ok := err.(*Problem); !ok {
				t.Fatalf("%q: error %T is not a *Problem", s, err)
			}
			return
		}
		again, err := ParseCreditCode(string(c))
		if err != nil || again != c {
			t.Fatalf("%q → %q does not re-parse: %q, %v", s, c, again, err)
		}
		// Any single-character substitution in the first 17 is caught.
		b := []byte(c)
		for i := range 17 {
			orig := b[i]
			for j := range len(creditChars) {
				if creditChars[j] == orig {
					continue
				}
				b[i] = creditChars[j]
				if _, err := ParseCreditCode(string(b)); err == nil {
					t.Fatalf("%q accepted after changing position %d of %q", b, i, c)
				}
			}
			b[i] = orig
		}
	})
}

func FuzzParseMobile(f *testing.F) {
	for _, s := range []string{"13812345678", "+86 138 1234 5678", "86-150-1234-5678", "+8612345", "", "1-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMobile(s)
		if err != nil {
			if m != "" {
				t.Fatalf("%q: value %q with error", s, m)
			}
			return
		}
		if len(m) != 11 || m[0] != '1' || m[1] < '3' || !allDigits(string(m)) {
			t.Fatalf("%q: accepted malformed %q", s, m)
		}
		again, err := ParseMobile(string(m))
		if err != nil || again != m {
			t.Fatalf("%q → %q does not re-parse: %q, %v", s, m, again, err)
		}
	})
}

func FuzzParseRegionCode(f *testing.F) {
	for _, s := range []string{"110000", "320100", "320102", "320102002", "000000", "320102000", "320012", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseRegionCode(s)
		if err != nil {
			if c != "" {
				t.Fatalf("%q: value %q with error", s, c)
			}
			return
		}
		again, err := ParseRegionCode(string(c))
		if err != nil || again != c {
			t.Fatalf("%q → %q does not re-parse: %q, %v", s, c, again, err)
		}
		if c.Level() == "" {
			t.Fatalf("%q: no level", c)
		}
		if p, ok := c.Parent(); ok {
			if _, err := ParseRegionCode(string(p)); err != nil {
				t.Fatalf("parent %q of %q does not parse: %v", p, c, err)
			}
			if len(p) > len(c) || p == c {
				t.Fatalf("parent %q of %q is not higher", p, c)
			}
		} else if c.Level() != "province" {
			t.Fatalf("%q (%s) has no parent", c, c.Level())
		}
	})
}
