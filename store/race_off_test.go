//go:build !race

package store

// raceOn: the tests run without the race detector (see race_on_test.go).
const raceOn = false
