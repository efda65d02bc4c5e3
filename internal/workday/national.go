package workday

import (
	_ "embed"
	"strings"
	"sync"
)

// nationalText is the State Council's schedule as shipped with Shenpi. Each
// deployment keeps its own editable copy in the database; this is the seed.
//
//go:embed data/cn.txt
var nationalText string

// NationalSpec returns a fresh copy of the shipped national calendar spec
// ("cn": the 2025 and 2026 schedules).
func NationalSpec() Spec {
	s, err := ParseSpecText(strings.NewReader(nationalText))
	if err != nil {
		panic("workday: embedded data/cn.txt: " + err.Error()) // caught by the package tests
	}
	return s
}

// National returns the shipped national calendar, built once and shared.
func National() *Calendar { return national() }

var national = sync.OnceValue(func() *Calendar {
	c, err := New(NationalSpec())
	if err != nil {
		panic("workday: embedded data/cn.txt: " + err.Error())
	}
	return c
})
