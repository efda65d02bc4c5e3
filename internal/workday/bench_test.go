package workday

import (
	"testing"
	"time"
)

// benchDates are spread over the loaded years and their margins.
func benchDates() []Date {
	ds := make([]Date, 1024)
	for i := range ds {
		ds[i] = day("2024-01-01").AddDays(i * 7 % 1400)
	}
	return ds
}

func BenchmarkAddWorkdays(b *testing.B) {
	cal, ds := National(), benchDates()
	var sink Date
	for i := 0; b.Loop(); i++ {
		sink = cal.AddWorkdays(ds[i&1023], i&63+1)
	}
	_ = sink
}

func BenchmarkCountWorkdays(b *testing.B) {
	cal, ds := National(), benchDates()
	var sink int
	for i := 0; b.Loop(); i++ {
		sink += cal.CountWorkdays(ds[i&1023], ds[(i+17)&1023])
	}
	_ = sink
}

func BenchmarkClockDue(b *testing.B) {
	cal := National()
	clocks := make([]Clock, 1024)
	for i := range clocks {
		start := at("2025-03-01 09:00").Add(time.Duration(i) * 11 * time.Hour)
		clocks[i] = ClockFromDays("cn", start, 5+i%40)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := clocks[i&1023].Due(cal); err != nil {
			b.Fatal(err)
		}
	}
}
