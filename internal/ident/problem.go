package ident

// Problem says why an identifier was refused. Key is a message-catalogue
// key the web layer translates, e.g. "ident.resident_id.length"; Msg is the
// English sentence returned by Error.
type Problem struct {
	Key string
	Msg string
}

// Error returns the English sentence describing the problem.
func (p *Problem) Error() string {
	if p == nil {
		return "<nil>"
	}
	if p.Msg != "" {
		return p.Msg
	}
	return p.Key
}

// problem builds the Problem for key, taking the English text from Messages.
func problem(key string) *Problem {
	return &Problem{Key: key, Msg: Messages[key][1]}
}

// isDigit reports whether b is an ASCII digit.
func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// allDigits reports whether s is non-empty and consists of ASCII digits only.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
