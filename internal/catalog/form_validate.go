package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shenpi/shenpi/internal/ident"
)

// Values are the answers to a form, by field path: "shop_name" for a plain
// field, "staff.0.name" for a cell of a table (row indices from 0). An HTML
// form and a JSON body both reduce to this shape.
type Values map[string]string

// Problem says why an answer was refused: a message key the web layer
// translates (catalog.form.… or one of ident's keys) and its arguments.
type Problem struct {
	Key  string
	Args map[string]any
}

func problemOf(key string, args ...any) *Problem {
	p := &Problem{Key: key}
	if len(args) > 1 {
		p.Args = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			p.Args[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return p
}

// Validate checks every answer against the form and returns the problems by
// field path; an empty map means the answers are acceptable.
func (f Form) Validate(v Values) map[string]Problem {
	_, problems := f.Clean(v)
	return problems
}

// Clean validates v and returns the answers in canonical form: trimmed,
// identifiers normalised (a lowercase x in an ID number becomes X), empty
// answers and empty table rows dropped, table rows renumbered from 0.
// Problems are keyed by the paths as submitted, so a re-rendered form shows
// each one beside the field the user typed in.
func (f Form) Clean(v Values) (Values, map[string]Problem) {
	out := Values{}
	problems := map[string]Problem{}
	claimed := map[string]bool{}
	for _, fd := range f.Fields {
		if fd.Type == FieldTable {
			cleanTable(fd, v, out, problems, claimed)
			continue
		}
		claimed[fd.Name] = true
		canon, p := checkValue(fd, v[fd.Name])
		if p != nil {
			problems[fd.Name] = *p
		} else if canon != "" {
			out[fd.Name] = canon
		}
	}
	for k := range v {
		if !claimed[k] {
			problems[k] = Problem{Key: "catalog.form.unknown"}
		}
	}
	return out, problems
}

// cleanTable gathers the rows of a table field from the submitted paths.
func cleanTable(fd Field, v Values, out Values, problems map[string]Problem, claimed map[string]bool) {
	columns := map[string]Field{}
	for _, c := range fd.Columns {
		columns[c.Name] = c
	}
	rows := map[int]bool{}
	prefix := fd.Name + "."
	for k := range v {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		idx, col, ok := strings.Cut(rest, ".")
		n, err := strconv.Atoi(idx)
		if _, known := columns[col]; !ok || err != nil || n < 0 || n >= 10000 || strconv.Itoa(n) != idx || !known {
			continue // left unclaimed: reported as unknown
		}
		claimed[k] = true
		rows[n] = true
	}
	claimed[fd.Name] = v[fd.Name] == "" // a table has no value of its own
	order := make([]int, 0, len(rows))
	for n := range rows {
		empty := true
		for _, c := range fd.Columns {
			if strings.TrimSpace(v[fd.Name+"."+strconv.Itoa(n)+"."+c.Name]) != "" {
				empty = false
				break
			}
		}
		if !empty {
			order = append(order, n)
		}
	}
	sort.Ints(order)
	// MinRows applies once a table is answered at all; Required demands that.
	switch {
	case len(order) > fd.RowLimit():
		problems[fd.Name] = *problemOf("catalog.form.rows_max", "Max", fd.RowLimit())
		return
	case len(order) == 0 && fd.Required:
		problems[fd.Name] = Problem{Key: "catalog.form.required"}
	case len(order) > 0 && len(order) < fd.MinRows:
		problems[fd.Name] = *problemOf("catalog.form.rows_min", "Min", fd.MinRows)
	}
	for i, n := range order {
		for _, c := range fd.Columns {
			path := fd.Name + "." + strconv.Itoa(n) + "." + c.Name
			canon, p := checkValue(c, v[path])
			if p != nil {
				problems[path] = *p
			} else if canon != "" {
				out[fd.Name+"."+strconv.Itoa(i)+"."+c.Name] = canon
			}
		}
	}
}

var numberPattern = regexp.MustCompile(`^[+-]?[0-9]{1,15}(\.[0-9]{1,6})?$`)

// checkValue validates one answer and returns its canonical form.
func checkValue(fd Field, raw string) (string, *Problem) {
	if !utf8.ValidString(raw) {
		return "", problemOf("catalog.form.encoding")
	}
	s := strings.TrimSpace(strings.ReplaceAll(raw, "\r\n", "\n"))
	if s == "" {
		if fd.Required {
			return "", problemOf("catalog.form.required")
		}
		return "", nil
	}
	for _, r := range s {
		if r == 0x7f || r < 0x20 && !(fd.Type == FieldLongText && (r == '\n' || r == '\t')) {
			return "", problemOf("catalog.form.control")
		}
	}
	switch fd.Type {
	case FieldText, FieldLongText, FieldAddress:
		n := utf8.RuneCountInString(s)
		if fd.MinLen > 0 && n < fd.MinLen {
			return "", problemOf("catalog.form.too_short", "Min", fd.MinLen)
		}
		if max := fd.LengthLimit(); n > max {
			return "", problemOf("catalog.form.too_long", "Max", max)
		}
		return s, nil
	case FieldNumber:
		return checkNumber(fd, s)
	case FieldDate:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return "", problemOf("catalog.form.date")
		}
		s = d.Format(time.DateOnly)
		if fd.MinDate != "" && s < fd.MinDate {
			return "", problemOf("catalog.form.date_early", "Min", fd.MinDate)
		}
		if fd.MaxDate != "" && s > fd.MaxDate {
			return "", problemOf("catalog.form.date_late", "Max", fd.MaxDate)
		}
		return s, nil
	case FieldChoice:
		for _, o := range fd.Options {
			if o.Value == s {
				return s, nil
			}
		}
		return "", problemOf("catalog.form.choice")
	case FieldYesNo:
		if s != "yes" && s != "no" {
			return "", problemOf("catalog.form.yesno")
		}
		return s, nil
	case FieldResidentID:
		id, err := ident.ParseResidentID(s)
		return string(id), identProblem(err)
	case FieldCreditCode:
		cc, err := ident.ParseCreditCode(s)
		return string(cc), identProblem(err)
	case FieldMobile:
		m, err := ident.ParseMobile(s)
		return string(m), identProblem(err)
	case FieldRegion:
		rc, err := ident.ParseRegionCode(s)
		return string(rc), identProblem(err)
	}
	return "", problemOf("catalog.form.unknown")
}

func checkNumber(fd Field, s string) (string, *Problem) {
	s = foldWidth(s)
	if !numberPattern.MatchString(s) {
		return "", problemOf("catalog.form.number")
	}
	if fd.Integer && strings.Contains(s, ".") {
		return "", problemOf("catalog.form.integer")
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return "", problemOf("catalog.form.number")
	}
	if fd.Min != nil && x < *fd.Min {
		return "", problemOf("catalog.form.too_small", "Min", formatNumber(*fd.Min))
	}
	if fd.Max != nil && x > *fd.Max {
		return "", problemOf("catalog.form.too_large", "Max", formatNumber(*fd.Max))
	}
	return strconv.FormatFloat(x, 'f', -1, 64), nil
}

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func identProblem(err error) *Problem {
	if err == nil {
		return nil
	}
	var p *ident.Problem
	if errors.As(err, &p) {
		return &Problem{Key: p.Key}
	}
	return problemOf("catalog.form.invalid")
}

// ValuesFromJSON flattens a JSON object of answers into Values: strings as
// they are, numbers in decimal, booleans as yes/no, and a table as an array
// of objects. Anything else is refused.
func ValuesFromJSON(data []byte) (Values, error) {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("catalog: form values: %w", err)
	}
	if dec.More() {
		return nil, errors.New("catalog: form values: trailing data")
	}
	out := Values{}
	for k, v := range raw {
		if rows, ok := v.([]any); ok {
			for i, row := range rows {
				cells, ok := row.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("catalog: form values: %s[%d] is not an object", k, i)
				}
				for c, cell := range cells {
					s, err := scalar(cell)
					if err != nil {
						return nil, fmt.Errorf("catalog: form values: %s[%d].%s: %w", k, i, c, err)
					}
					out[k+"."+strconv.Itoa(i)+"."+c] = s
				}
			}
			continue
		}
		s, err := scalar(v)
		if err != nil {
			return nil, fmt.Errorf("catalog: form values: %s: %w", k, err)
		}
		out[k] = s
	}
	return out, nil
}

func scalar(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case bool:
		if x {
			return "yes", nil
		}
		return "no", nil
	}
	return "", errors.New("not a string, number or boolean")
}

// foldWidth turns full-width digits, signs and the full stop (as typed with
// a Chinese input method) into ASCII.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．' || r == '。':
			return '.'
		case r == '－':
			return '-'
		case r == '＋':
			return '+'
		}
		return r
	}, s)
}
