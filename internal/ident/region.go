package ident

import "strings"

// RegionCode is a validated administrative region code (行政区划代码): 6
// digits for a province (XX0000), city (XXXX00) or county (XXXXXX), or 9
// digits for a township or street (GB/T 10114: county code + 3 digits).
type RegionCode string

// ParseRegionCode trims surrounding spaces and checks the code's shape:
// 6 or 9 digits, a province part from 11 to 82, no county part without a
// city part, and no township part of 000.
func ParseRegionCode(s string) (RegionCode, error) {
	s = strings.TrimSpace(s)
	if (len(s) != 6 && len(s) != 9) || !allDigits(s) {
		return "", problem(keyRegionCodeFormat)
	}
	if p := atoi(s[:2]); p < 11 || p > 82 {
		return "", problem(keyRegionCodeFormat)
	}
	if s[2:4] == "00" && s[4:6] != "00" {
		return "", problem(keyRegionCodeFormat) // a county needs a city part
	}
	if len(s) == 9 && s[6:] == "000" {
		return "", problem(keyRegionCodeFormat)
	}
	return RegionCode(s), nil
}

// Level returns "province", "city", "county" or "township", inferred from
// the length and trailing zeros; "" for a value not from ParseRegionCode.
func (c RegionCode) Level() string {
	switch {
	case len(c) == 9:
		return "township"
	case len(c) != 6:
		return ""
	case c[2:] == "0000":
		return "province"
	case c[4:] == "00":
		return "city"
	default:
		return "county"
	}
}

// Parent returns the code one level up inferred from the digits: a
// township's county (its first 6 digits), a county's city (XXXX00) or a
// city's province (XX0000). It returns false for a province.
func (c RegionCode) Parent() (RegionCode, bool) {
	switch c.Level() {
	case "township":
		return c[:6], true
	case "county":
		return c[:4] + "00", true
	case "city":
		return c[:2] + "0000", true
	default:
		return "", false
	}
}
