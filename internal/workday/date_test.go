package workday

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateRoundTripsThroughDayNumbers(t *testing.T) {
	epoch := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	for n := -800000; n <= 800000; n += 97 {
		tm := epoch.AddDate(0, 0, n)
		d := DateOf(tm)
		if got := d.days(); got != n {
			t.Fatalf("%v.days() = %d, want %d", d, got, n)
		}
		if got := dateFromDays(n); got != d {
			t.Fatalf("dateFromDays(%d) = %v, want %v", n, got, d)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", d, d.Weekday(), tm.Weekday())
		}
	}
}

func TestDateBasics(t *testing.T) {
	d := day("2026-01-01")
	if d.Weekday() != time.Thursday || day("2025-01-01").Weekday() != time.Wednesday {
		t.Fatal("2026-01-01 is a Thursday and 2025-01-01 a Wednesday")
	}
	if got := d.AddDays(-1); got != day("2025-12-31") {
		t.Errorf("AddDays(-1) = %v", got)
	}
	if got := day("2026-02-28").AddDays(1); got.String() != "2026-03-01" {
		t.Errorf("AddDays(1) = %v", got)
	}
	if !day("2026-02-14").Before(day("2026-02-15")) || d.Before(d) {
		t.Error("Before is wrong")
	}
	if got := (Date{2026, 14, 1}).AddDays(0); got != day("2027-02-01") {
		t.Errorf("normalising month 14 gave %v", got)
	}
	// 2026-02-13 20:00 UTC is already the 14th in Beijing.
	if got := National().DateOf(time.Date(2026, 2, 13, 20, 0, 0, 0, time.UTC)); got != day("2026-02-14") {
		t.Errorf("DateOf in Beijing = %v", got)
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, s := range []string{"", "2026-2-14", "2026-02-30", "2025-02-29", "2026/02/14", "2026-13-01", "0000-01-01", "２０２６-02-14"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) succeeded", s)
		}
	}
	if _, err := ParseDate("2024-02-29"); err != nil {
		t.Error(err)
	}
}

func TestDateJSON(t *testing.T) {
	b, err := json.Marshal(map[string]Date{"d": day("2026-02-14")})
	if err != nil || string(b) != `{"d":"2026-02-14"}` {
		t.Fatalf("got %s, %v", b, err)
	}
	var back map[string]Date
	if err := json.Unmarshal(b, &back); err != nil || back["d"] != day("2026-02-14") {
		t.Fatalf("got %v, %v", back, err)
	}
}
