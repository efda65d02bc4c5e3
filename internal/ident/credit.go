package ident

import "strings"

// CreditCode is a validated 18-character unified social credit code
// (统一社会信用代码, GB 32100), normalised to upper case.
type CreditCode string

// creditChars is the GB 32100 character set; a character's index is its
// value. I, O, Z, S and V are not used.
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are the GB 32100 weights of the first 17 characters
// (3^i mod 31).
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// ParseCreditCode trims surrounding spaces, upper-cases and checks length,
// characters (positions 3-8, the region code, must be digits) and the
// GB 32100 check character.
func ParseCreditCode(s string) (CreditCode, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 18 {
		return "", problem(keyCreditCodeLength)
	}
	sum := 0
	for i := 0; i < 18; i++ {
		v := strings.IndexByte(creditChars, s[i])
		if v < 0 || (i >= 2 && i < 8 && !isDigit(s[i])) {
			return "", problem(keyCreditCodeChars)
		}
		if i < 17 {
			sum += v * creditWeights[i]
		}
	}
	if creditChars[(31-sum%31)%31] != s[17] {
		return "", problem(keyCreditCodeCheck)
	}
	return CreditCode(s), nil
}
