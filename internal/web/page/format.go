package page

import (
	"fmt"
	"strconv"
	"time"
)

// Zone is China Standard Time, for the dates and times printed on pages;
// China has one zone and no daylight saving.
var Zone = time.FixedZone("CST", 8*3600)

// Time writes an instant as pages show it, to the minute; the zero time
// is blank.
func Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Zone).Format("2006-01-02 15:04")
}

// Date writes the day of an instant; the zero time is blank.
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Zone).Format("2006-01-02")
}

// Yuan formats an amount in fen as yuan.
func Yuan(fen int64) string {
	if fen%100 == 0 {
		return strconv.FormatInt(fen/100, 10)
	}
	return fmt.Sprintf("%d.%02d", fen/100, fen%100)
}
