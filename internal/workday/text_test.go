package workday

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseSpecText(t *testing.T) {
	text := `
# a county calendar
name 某县
parent cn
zone Asia/Shanghai
hours 08:30-12:00 14:00-17:30
year 2027
2026-03-11 off 地方节日 (两天)
2026-03-12 off 地方节日 (两天)
2026-03-14..2026-03-15 work
`
	got, err := ParseSpecText(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	want := Spec{
		Name:       "某县",
		Parent:     "cn",
		Years:      []int{2027},
		Holidays:   []Date{day("2026-03-11"), day("2026-03-12")},
		MakeupDays: []Date{day("2026-03-14"), day("2026-03-15")},
		Names:      map[Date]string{day("2026-03-11"): "地方节日 (两天)", day("2026-03-12"): "地方节日 (两天)"},
		WorkHours:  []Span{{8*time.Hour + 30*time.Minute, 12 * time.Hour}, {14 * time.Hour, 17*time.Hour + 30*time.Minute}},
		Location:   shanghai,
	}
	if diff := cmp.Diff(want, got, specOpts); diff != "" {
		t.Fatalf("spec (-want +got):\n%s", diff)
	}
	formatted := FormatSpecText(got)
	if !strings.Contains(formatted, "2026-03-11..2026-03-12 off 地方节日 (两天)\n") {
		t.Errorf("consecutive days not joined:\n%s", formatted)
	}
	again, err := ParseSpecText(strings.NewReader(formatted))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, again, specOpts); diff != "" {
		t.Errorf("round trip (-first +second):\n%s", diff)
	}
}

func TestNationalRoundTrips(t *testing.T) {
	s := NationalSpec()
	again, err := ParseSpecText(strings.NewReader(FormatSpecText(s)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, again, specOpts); diff != "" {
		t.Errorf("(-embedded +round trip):\n%s", diff)
	}
	// 2025: 1+8+3+5+3+8 days off; 2026: 3+9+3+5+3+3+7.
	if len(s.Holidays) != 28+33 || len(s.MakeupDays) != 5+6 {
		t.Errorf("%d holidays and %d make-up days", len(s.Holidays), len(s.MakeupDays))
	}
}

func TestParseSpecTextErrors(t *testing.T) {
	for _, tc := range []struct {
		text string
		line int
		msg  string
	}{
		{"name x\n2026-02-30 off", 2, `"2026-02-30" is not a real date written YYYY-MM-DD`},
		{"2026-02-14 holiday", 1, `"holiday" should be "off" or "work"`},
		{"2026-02-14", 1, `2026-02-14 needs "off" or "work" after it`},
		{"# c\n\n2026-02-15..2026-02-23 off\n2026-02-20 work", 4, "2026-02-20 is already listed on line 3"},
		{"2026-02-23..2026-02-15 off", 1, "range 2026-02-23..2026-02-15 ends before it starts"},
		{"2026-01-01..2027-06-01 off", 1, "range 2026-01-01..2027-06-01 is longer than 366 days"},
		{"year 26", 1, `"26" is not a year between 1900 and 2199`},
		{"name a\nname b", 2, `"name" is given twice (first on line 1)`},
		{"zone Mars/Olympus", 1, `"Mars/Olympus" is not a known time zone such as Asia/Shanghai`},
		{"zone Local", 1, `"Local" is not a known time zone such as Asia/Shanghai`},
		{"hours 09:00-12:00 11:00-13:00", 1, "working hours overlap or are out of order"},
		{"hours 9-12", 1, `"9-12" is not a span of working hours like 09:00-12:00`},
		{"holiday 2026-01-01", 1, `"holiday" is not a date or one of name, parent, zone, hours, year`},
		{"name", 1, `"name" needs a value`},
	} {
		_, err := ParseSpecText(strings.NewReader(tc.text))
		var perr *ParseError
		if !errors.As(err, &perr) || perr.Line != tc.line || perr.Msg != tc.msg {
			t.Errorf("%q: got %v, want line %d: %s", tc.text, err, tc.line, tc.msg)
		}
	}
}
