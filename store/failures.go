package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// failures counts wrong passphrases since the last successful unlock. It is
// stored unencrypted (it holds only times) because a failed attempt has no
// key; the next successful unlock moves each time into the sealed audit chain.
type failures struct {
	Times []time.Time `json:"times"`
}

// maxRecordedFailures bounds the stored list; the count keeps growing the delay.
const maxRecordedFailures = 100

// freeAttempts is how many wrong passphrases are allowed without delay.
const freeAttempts = 3

// maxDelay caps the growing delay.
const maxDelay = 60 * time.Second

func decodeFailures(b []byte) failures {
	var f failures
	if b != nil {
		_ = json.Unmarshal(b, &f) // a damaged counter counts as none; the unlock itself is authenticated
	}
	return f
}

// Delay is the wait imposed before the next attempt after n consecutive
// failures: none for the first three, then 1 s, 2 s, 4 s … up to a minute.
func Delay(n int) time.Duration {
	if n < freeAttempts {
		return 0
	}
	d := time.Second << min(n-freeAttempts, 6)
	return min(d, maxDelay)
}

// wait is how long an attempt made at now must still wait.
func (f failures) wait(now time.Time) time.Duration {
	n := len(f.Times)
	if n == 0 {
		return 0
	}
	left := Delay(n) - now.Sub(f.Times[n-1])
	return max(0, left)
}

// recordFailure appends a failed attempt in its own transaction.
func recordFailure(db *bolt.DB, now time.Time) error {
	return db.Update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		f := decodeFailures(m.Get(keyFailures))
		f.Times = append(f.Times, now.UTC())
		if len(f.Times) > maxRecordedFailures {
			f.Times = f.Times[len(f.Times)-maxRecordedFailures:]
		}
		b, _ := json.Marshal(f)
		return m.Put(keyFailures, b)
	})
}
