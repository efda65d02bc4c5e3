package ident

import "strings"

// Mobile is a validated mainland mobile number: 11 digits starting with
// 1 and a second digit 3-9, without country code or separators.
type Mobile string

// ParseMobile trims, removes spaces and hyphens and an optional +86 or 86
// prefix, then requires 11 digits matching 1[3-9]\d{9}.
func ParseMobile(s string) (Mobile, error) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if r == ' ' || r == '-' {
			continue
		}
		b.WriteRune(r)
	}
	t := b.String()
	if strings.HasPrefix(t, "+86") {
		t = t[3:]
	} else if len(t) == 13 && strings.HasPrefix(t, "86") {
		t = t[2:]
	}
	if len(t) != 11 || !allDigits(t) || t[0] != '1' || t[1] < '3' {
		return "", problem(keyMobileFormat)
	}
	return Mobile(t), nil
}
