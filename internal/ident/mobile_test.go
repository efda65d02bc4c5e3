package ident

import "testing"

func TestParseMobile(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"plain", "13812345678", "13812345678", true},
		{"trimmed", " 13812345678 \n", "13812345678", true},
		{"+86", "+8613812345678", "13812345678", true},
		{"+86 with spaces", "+86 138 1234 5678", "13812345678", true},
		{"86 prefix", "8619912345678", "19912345678", true},
		{"86 with hyphens", "86-150-1234-5678", "15012345678", true},
		{"+86 hyphen", "+86-17012345678", "17012345678", true},
		{"empty", "", "", false},
		{"too short", "1381234567", "", false},
		{"too long", "138123456789", "", false},
		{"second digit 2", "12812345678", "", false},
		{"starts with 2", "23812345678", "", false},
		{"letters", "1381234567a", "", false},
		{"landline", "025-83456789", "", false},
		{"other country", "+4413812345678", "", false},
		{"86 twice", "+868613812345678", "", false},
		{"full-width digits", "１３８１２３４５６７８", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMobile(tt.in)
			key := ""
			if !tt.ok {
				key = keyMobileFormat
			}
			wantKey(t, tt.in, err, key)
			if string(got) != tt.want {
				t.Errorf("ParseMobile(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
