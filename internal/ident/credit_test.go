package ident

import "testing"

func TestParseCreditCode(t *testing.T) {
	// 91350100M000100Y43 by hand: values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0
	// Y=30 4 times weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
	// give 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;
	// 1640 mod 31 = 28; (31-28) mod 31 = 3 → "3".
	// 91110000100000000X is often quoted but wrong: the sum is 68,
	// 68 mod 31 = 6, 31-6 = 25 → "R".
	tests := []struct {
		name, in, want, key string
	}{
		{"hand-checked", "91350100M000100Y43", "91350100M000100Y43", ""},
		{"corrected example", "91110000100000000R", "91110000100000000R", ""},
		{"lower case and spaces", " 91350100m000100y43 ", "91350100M000100Y43", ""},
		{"generated", withCreditCheck("12100000400000000"), withCreditCheck("12100000400000000"), ""},
		{"generated letters", withCreditCheck("Y1440300MA5EXAMPL"), withCreditCheck("Y1440300MA5EXAMPL"), ""},
		{"empty", "", "", keyCreditCodeLength},
		{"17 chars", "91350100M000100Y4", "", keyCreditCodeLength},
		{"19 chars", "91350100M000100Y430", "", keyCreditCodeLength},
		{"letter I", "91350100MI00100Y43", "", keyCreditCodeChars},
		{"letter O", "91350100MO00100Y43", "", keyCreditCodeChars},
		{"letter Z", "91350100MZ00100Y43", "", keyCreditCodeChars},
		{"letter S", "91350100MS00100Y43", "", keyCreditCodeChars},
		{"letter V", "91350100MV00100Y43", "", keyCreditCodeChars},
		{"forbidden check char", "91350100M000100Y4O", "", keyCreditCodeChars},
		{"letter in region code", "9135A100M000100Y43", "", keyCreditCodeChars},
		{"punctuation", "91350100M000100Y-3", "", keyCreditCodeChars},
		{"wrong check", "91350100M000100Y44", "", keyCreditCodeCheck},
		{"often-quoted wrong example", "91110000100000000X", "", keyCreditCodeCheck},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCreditCode(tt.in)
			wantKey(t, tt.in, err, tt.key)
			if string(got) != tt.want {
				t.Errorf("ParseCreditCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
