//go:build !txtwice

package store

// runTwice: a normal build runs each transaction function once (see twice).
const runTwice = false
