package ident

import (
	"strings"
	"time"
)

// ResidentID is a validated 18-character resident ID number (居民身份证号,
// GB 11643), normalised to an upper-case X check character.
type ResidentID string

// residentWeights are the GB 11643 weights of the first 17 digits.
var residentWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// residentCheck maps the weighted sum mod 11 to the check character.
const residentCheck = "10X98765432"

// chinaTime is China Standard Time, used to decide what "today" is.
var chinaTime = time.FixedZone("CST", 8*60*60)

// now is the clock used to refuse birth dates in the future.
var now = time.Now

// ParseResidentID trims surrounding spaces, accepts a lower-case x and
// checks length, characters, the birth date (a real date from 1900-01-01
// to today) and the GB 11643 check character.
func ParseResidentID(s string) (ResidentID, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 18 {
		return "", problem(keyResidentIDLength)
	}
	if !allDigits(s[:17]) || !(isDigit(s[17]) || s[17] == 'X') {
		return "", problem(keyResidentIDChars)
	}
	if _, ok := birthDate(s[6:14]); !ok {
		return "", problem(keyResidentIDBirth)
	}
	if residentCheckChar(s[:17]) != s[17] {
		return "", problem(keyResidentIDCheck)
	}
	return ResidentID(s), nil
}

// residentCheckChar computes the GB 11643 check character of 17 digits.
func residentCheckChar(digits string) byte {
	sum := 0
	for i, w := range residentWeights {
		sum += int(digits[i]-'0') * w
	}
	return residentCheck[sum%11]
}

// birthDate parses YYYYMMDD as a calendar date from 1900 up to today
// (China Standard Time).
func birthDate(s string) (time.Time, bool) {
	y := atoi(s[0:4])
	m := atoi(s[4:6])
	d := atoi(s[6:8])
	if y < 1900 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != time.Month(m) {
		return time.Time{}, false // e.g. 19990230 normalised to 2 March
	}
	ty, tm, td := now().In(chinaTime).Date()
	if t.After(time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, false
	}
	return t, true
}

// atoi converts a short string of ASCII digits; callers have checked them.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// BirthDate returns the date of birth encoded in the number, at midnight
// UTC (only the calendar date is meaningful). It returns the zero Time
// for a value that did not come from ParseResidentID.
func (r ResidentID) BirthDate() time.Time {
	if len(r) != 18 || !allDigits(string(r[6:14])) {
		return time.Time{}
	}
	y, m, d := atoi(string(r[6:10])), atoi(string(r[10:12])), atoi(string(r[12:14]))
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != time.Month(m) {
		return time.Time{}
	}
	return t
}

// Masked returns the number for display with only the first 4 and last 4
// characters visible, e.g. "3201**********1234".
func (r ResidentID) Masked() string {
	if len(r) <= 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:4]) + strings.Repeat("*", len(r)-8) + string(r[len(r)-4:])
}
