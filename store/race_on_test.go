//go:build race

package store

// raceOn: the tests run under the race detector. There every vault created
// or opened costs about three times as much (Argon2id's 64 MiB, the
// instrumented writes) and every child process is instrumented too, so the
// two loops that create or open a vault many times took 1.5 minutes each
// on an idle 2-core machine and over 3 under load: they run fewer
// iterations then (crashKillsDefault, auditTamperSeqStep). What each
// iteration asserts is the same.
const raceOn = true
