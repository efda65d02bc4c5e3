package ident

import (
	"testing"
	"time"
)

func TestParseResidentID(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2025, 6, 15, 12, 0, 0, 0, chinaTime) }

	// 11010519491231002X by hand: digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2
	// times weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 give
	// 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → "X".
	tests := []struct {
		name, in, want, key string
	}{
		{"well-known example", "11010519491231002X", "11010519491231002X", ""},
		{"lower-case x", "11010519491231002x", "11010519491231002X", ""},
		{"surrounding spaces", "  11010519491231002X\t", "11010519491231002X", ""},
		{"digit check", withResidentCheck("32010219800101123"), withResidentCheck("32010219800101123"), ""},
		{"leap day", withResidentCheck("44030420000229002"), withResidentCheck("44030420000229002"), ""},
		{"born 1900", withResidentCheck("11010119000101001"), withResidentCheck("11010119000101001"), ""},
		{"born today", withResidentCheck("11010120250615001"), withResidentCheck("11010120250615001"), ""},
		{"empty", "", "", keyResidentIDLength},
		{"17 chars", "11010519491231002", "", keyResidentIDLength},
		{"19 chars", "11010519491231002X1", "", keyResidentIDLength},
		{"15-digit old style", "110105491231002", "", keyResidentIDLength},
		{"letter in body", "1101051949123100AX", "", keyResidentIDChars},
		{"X not last", "X10105194912310021", "", keyResidentIDChars},
		{"bad last char", "11010519491231002Y", "", keyResidentIDChars},
		{"inner space", "110105 949123100 X", "", keyResidentIDChars},
		{"six CJK chars", "身份证号码号", "", keyResidentIDChars},
		{"month 13", withResidentCheck("11010519491331002"), "", keyResidentIDBirth},
		{"day 0", withResidentCheck("11010519491200002"), "", keyResidentIDBirth},
		{"30 February", withResidentCheck("11010519990230002"), "", keyResidentIDBirth},
		{"29 February non-leap", withResidentCheck("11010519000229002"), "", keyResidentIDBirth},
		{"before 1900", withResidentCheck("11010518991231002"), "", keyResidentIDBirth},
		{"tomorrow", withResidentCheck("11010520250616002"), "", keyResidentIDBirth},
		{"wrong check", "110105194912310021", "", keyResidentIDCheck},
		{"transposed digits", "11010519491231020X", "", keyResidentIDCheck},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseResidentID(tt.in)
			wantKey(t, tt.in, err, tt.key)
			if string(got) != tt.want {
				t.Errorf("ParseResidentID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestResidentIDBirthDate(t *testing.T) {
	r, err := ParseResidentID("11010519491231002X")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(1949, 12, 31, 0, 0, 0, 0, time.UTC)
	if got := r.BirthDate(); !got.Equal(want) {
		t.Errorf("BirthDate = %v, want %v", got, want)
	}
	if got := ResidentID("junk").BirthDate(); !got.IsZero() {
		t.Errorf("junk BirthDate = %v, want zero", got)
	}
}

func TestResidentIDMasked(t *testing.T) {
	tests := []struct{ in, want string }{
		{"11010519491231002X", "1101**********002X"},
		{"320102198001011234", "3201**********1234"},
		{"", ""},
		{"1234", "****"},
	}
	for _, tt := range tests {
		if got := ResidentID(tt.in).Masked(); got != tt.want {
			t.Errorf("Masked(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
