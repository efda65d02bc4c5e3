//go:build txtwice

package store

// runTwice: this build runs every transaction function twice (see twice).
const runTwice = true
