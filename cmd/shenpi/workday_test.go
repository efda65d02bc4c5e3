package main

import (
	"strings"
	"testing"
)

func TestWorkdayArithmetic(t *testing.T) {
	dir := dataDir(t)
	cases := []struct {
		args []string
		want string
	}{
		// Friday before the 2026 Spring Festival: the make-up Saturday 14 Feb
		// is day 1, 15–23 Feb are off, so the fifth working day is 27 Feb.
		{[]string{"workday", "add", "2026-02-13", "5"}, "2026-02-27"},
		// National Day 2026: 8, 9, the make-up Saturday 10 and 12 October.
		{[]string{"workday", "count", "2026-09-30", "2026-10-12"}, "4"},
		{[]string{"workday", "add", "2026-10-10", "0"}, "2026-10-10"},
	}
	for _, c := range cases {
		r := mustRun(t, append(c.args, "--data", dir)...)
		if got := strings.TrimSpace(r.stdout); got != c.want {
			t.Errorf("%v: %q, want %q", c.args, got, c.want)
		}
	}
	// A year without a schedule is counted Monday to Friday, with a warning.
	r := mustRun(t, "workday", "add", "2026-12-20", "20", "--data", dir)
	if !strings.Contains(r.stderr, "2027") {
		t.Errorf("no warning about 2027: %q", r.stderr)
	}
	for _, bad := range [][]string{
		{"workday", "add", "2026-13-01", "5"},
		{"workday", "add", "2026-02-13", "-1"},
		{"workday", "count", "2026-02-13", "yesterday"},
		{"workday", "add", "2026-02-13", "5", "--calendar", "nowhere"},
		{"workday", "sum", "2026-02-13", "5"},
	} {
		if r := shenpi(t, append(bad, "--data", dir)...); r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", bad, r.code, exitUsage, r.stderr)
		}
	}
}
