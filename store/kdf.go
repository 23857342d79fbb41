package store

import (
	"fmt"
	"time"

	"golang.org/x/crypto/argon2"
)

// KDFParams are the Argon2id parameters stored in the vault header.
type KDFParams struct {
	Time      uint32 `json:"time"`       // passes over memory
	MemoryKiB uint32 `json:"memory_kib"` // memory in KiB; at least MinMemoryKiB
	Threads   uint8  `json:"threads"`
	Salt      []byte `json:"salt"` // 16 random bytes, fresh for every wrap
}

// MinMemoryKiB is the floor on Argon2id memory: 64 MiB.
const MinMemoryKiB = 64 * 1024

// calibrationTarget is the unlock time Calibrate aims for on this machine.
const calibrationTarget = 500 * time.Millisecond

// maxCalibratedTime bounds the time cost Calibrate will choose.
const maxCalibratedTime = 12

// FastKDF returns the weakest parameters the vault accepts (64 MiB, one pass).
// Tests and benchmarks use it; Create with nil parameters calibrates instead.
func FastKDF() KDFParams {
	return KDFParams{Time: 1, MemoryKiB: MinMemoryKiB, Threads: 2}
}

// CalibrateKDF measures Argon2id at 64 MiB on this machine and returns the
// smallest time cost that takes at least about 0.5 s (at most maxCalibratedTime).
// One pass is timed three times and the fastest is used, so a busy moment
// does not inflate the estimate.
func CalibrateKDF() KDFParams {
	p := KDFParams{Time: 1, MemoryKiB: MinMemoryKiB, Threads: 2, Salt: randomBytes(16)}
	one := time.Hour
	for i := 0; i < 3; i++ {
		start := time.Now()
		argon2.IDKey([]byte("calibration"), p.Salt, 1, p.MemoryKiB, p.Threads, keySize)
		one = min(one, time.Since(start))
	}
	if one <= 0 {
		one = time.Millisecond
	}
	t := uint32((calibrationTarget + one - 1) / one)
	p.Time = max(1, min(t, maxCalibratedTime))
	return p
}

// validate refuses parameters below the floor, or absurd ones from a damaged header.
func (p KDFParams) validate() error {
	if p.MemoryKiB < MinMemoryKiB || p.Time < 1 || p.Threads < 1 {
		return fmt.Errorf("%w: time=%d memory=%dKiB threads=%d", ErrWeakKDF, p.Time, p.MemoryKiB, p.Threads)
	}
	if p.MemoryKiB > 1024*1024 || p.Time > 32 || len(p.Salt) != 16 {
		return fmt.Errorf("%w: unreasonable key derivation parameters", ErrCorrupt)
	}
	return nil
}

// derive runs Argon2id over the passphrase.
func (p KDFParams) derive(passphrase []byte) []byte {
	return argon2.IDKey(passphrase, p.Salt, p.Time, p.MemoryKiB, p.Threads, keySize)
}
