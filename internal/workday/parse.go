package workday

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
)

// maxRange bounds a range line, so a typo cannot declare a century off.
const maxRange = 366

// ParseSpecText reads a calendar in the text format described in the package
// documentation. Errors are *ParseError values naming the line and, in plain
// English, what is wrong with it.
func ParseSpecText(r io.Reader) (Spec, error) {
	p := parser{first: make(map[string]int), seen: make(map[Date]int)}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		if msg := p.line(n, sc.Text()); msg != "" {
			return Spec{}, &ParseError{Line: n, Msg: msg}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return Spec{}, &ParseError{Line: n + 1, Msg: "line is too long"}
		}
		return Spec{}, err
	}
	return p.spec.normalized(), nil
}

type parser struct {
	spec  Spec
	first map[string]int // directive → line it was given on
	seen  map[Date]int   // date → line it was listed on
}

// line parses one line and returns what is wrong with it, or "".
func (p *parser) line(n int, text string) string {
	head, rest := cutField(text)
	switch {
	case head == "" || strings.HasPrefix(head, "#"):
		return ""
	case head == "name" || head == "parent" || head == "zone" || head == "hours":
		if at, ok := p.first[head]; ok {
			return fmt.Sprintf("%q is given twice (first on line %d)", head, at)
		}
		p.first[head] = n
		return p.directive(head, rest)
	case head == "year":
		y, ok := parseYear(rest)
		if !ok {
			return fmt.Sprintf("%q is not a year between %d and %d", rest, minYear, maxYear)
		}
		p.spec.Years = append(p.spec.Years, y)
		return ""
	case len(head) >= 10 && head[0] >= '0' && head[0] <= '9':
		return p.entry(n, head, rest)
	}
	return fmt.Sprintf("%q is not a date or one of name, parent, zone, hours, year", head)
}

func (p *parser) directive(head, rest string) string {
	if rest == "" {
		return fmt.Sprintf("%q needs a value", head)
	}
	switch head {
	case "name":
		p.spec.Name = oneLine(rest)
	case "parent":
		p.spec.Parent = oneLine(rest)
	case "zone":
		loc, err := loadZone(rest)
		if err != nil {
			return fmt.Sprintf("%q is not a known time zone such as Asia/Shanghai", rest)
		}
		p.spec.Location = loc
	case "hours":
		var spans []Span
		for _, f := range strings.Fields(rest) {
			sp, err := ParseSpan(f)
			if err != nil {
				return fmt.Sprintf("%q is not a span of working hours like 09:00-12:00", f)
			}
			spans = append(spans, sp)
		}
		if validateSpans(spans) != nil {
			return "working hours overlap or are out of order"
		}
		p.spec.WorkHours = spans
	}
	return ""
}

// loadZone accepts only IANA names, never the host-dependent "Local".
func loadZone(name string) (*time.Location, error) {
	for _, r := range name {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/_-+", r))) {
			return nil, errors.New("bad zone name")
		}
	}
	if name == "Local" {
		return nil, errors.New("bad zone name")
	}
	return time.LoadLocation(name)
}

func parseYear(s string) (int, bool) {
	y, ok := digits(s)
	return y, ok && len(s) == 4 && y >= minYear && y <= maxYear
}

// entry parses "DATE[..DATE] off|work [label]".
func (p *parser) entry(n int, head, rest string) string {
	from, to, err := parseDates(head)
	if err != "" {
		return err
	}
	kind, label := cutField(rest)
	var list *[]Date
	switch kind {
	case "off":
		list = &p.spec.Holidays
	case "work":
		list = &p.spec.MakeupDays
	case "":
		return fmt.Sprintf("%s needs \"off\" or \"work\" after it", head)
	default:
		return fmt.Sprintf("%q should be \"off\" or \"work\"", kind)
	}
	for d := from; !d.After(to); d = d.AddDays(1) {
		if at, ok := p.seen[d]; ok {
			return fmt.Sprintf("%v is already listed on line %d", d, at)
		}
		p.seen[d] = n
		*list = append(*list, d)
		p.spec.setName(d, oneLine(label))
	}
	return ""
}

func parseDates(s string) (from, to Date, msg string) {
	a, b, isRange := strings.Cut(s, "..")
	from, msg = parseEntryDate(a)
	if msg != "" || !isRange {
		return from, from, msg
	}
	to, msg = parseEntryDate(b)
	switch {
	case msg != "":
	case to.Before(from):
		msg = fmt.Sprintf("range %s ends before it starts", s)
	case from.DaysUntil(to) >= maxRange:
		msg = fmt.Sprintf("range %s is longer than %d days", s, maxRange)
	}
	return from, to, msg
}

func parseEntryDate(s string) (Date, string) {
	d, err := ParseDate(s)
	if err != nil {
		return Date{}, fmt.Sprintf("%q is not a real date written YYYY-MM-DD", s)
	}
	if d.Year < minYear || d.Year > maxYear {
		return Date{}, fmt.Sprintf("%v is outside the years %d to %d", d, minYear, maxYear)
	}
	return d, ""
}

// cutField splits s into its first whitespace-separated field and the rest,
// both trimmed, keeping the spacing inside the rest (labels may hold spaces).
func cutField(s string) (field, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
