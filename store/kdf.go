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
const maxCalibratedTime = 24

// FastKDF returns the weakest parameters the vault accepts (64 MiB, one pass).
// Tests and benchmarks use it; Create with nil parameters calibrates instead.
func FastKDF() KDFParams {
	return KDFParams{Time: 1, MemoryKiB: MinMemoryKiB, Threads: 2}
}

// CalibrateKDF measures Argon2id at 64 MiB on this machine and returns the
// smallest time cost whose derivation takes about 0.5 s (at most
// maxCalibratedTime). One pass costs more than each further pass (the
// 64 MiB are allocated and filled once), so it times one pass and three
// passes, fastest of three tries each, and solves for the marginal cost.
func CalibrateKDF() KDFParams {
	p := KDFParams{Time: 1, MemoryKiB: MinMemoryKiB, Threads: 2, Salt: randomBytes(16)}
	one, three := timeKDF(p, 1), timeKDF(p, 3)
	perPass := max((three-one)/2, time.Millisecond)
	base := max(one-perPass, 0)
	t := 1 + int64((calibrationTarget-base-perPass+perPass-1)/perPass)
	p.Time = uint32(max(1, min(t, maxCalibratedTime)))
	return p
}

// timeKDF is the fastest of three derivations with the given time cost.
func timeKDF(p KDFParams, passes uint32) time.Duration {
	best := time.Hour
	for i := 0; i < 3; i++ {
		start := time.Now()
		argon2.IDKey([]byte("calibration"), p.Salt, passes, p.MemoryKiB, p.Threads, keySize)
		best = min(best, time.Since(start))
	}
	return best
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
