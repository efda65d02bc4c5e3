package workday

import (
	"sync"
	"time"
	_ "time/tzdata" // the calendar's zone must load even on hosts without zoneinfo
)

// DefaultLocation returns Asia/Shanghai, the zone of every Chinese service
// centre, falling back to a fixed UTC+8 zone named CST if it cannot be loaded.
func DefaultLocation() *time.Location { return defaultLocation() }

var defaultLocation = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
})
