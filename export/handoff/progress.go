package handoff

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// Phase names a pass over the bundle's bytes, for progress reports.
type Phase string

// The passes of an export and an import, in order.
const (
	PhaseWrite    Phase = "write"     // export: encrypting the bundle
	PhaseReadBack Phase = "read_back" // export: decrypting it again, checking every hash
	PhaseHash     Phase = "hash"      // both: SHA-256 of the whole file, for the audit trail
	PhaseVerify   Phase = "verify"    // import: checking every entry before anything is written
	PhaseContent  Phase = "content"   // import: storing attachment content
)

// Progress is called on the goroutine that called Export, Import or Preview
// with the bytes done so far in a phase and the phase's total.
type Progress func(p Phase, done, total int64)

func (p Progress) report(ph Phase, done, total int64) {
	if p != nil {
		p(ph, done, total)
	}
}

// writePasses maps the progress of bundle.WriteChecked, counted over both
// its passes (every entry is given with its SHA-256, so there is no hashing
// pass), onto PhaseWrite and PhaseReadBack, each counted from zero.
func (p Progress) writePasses() func(done, total int64) {
	return func(done, total int64) {
		half := total / 2
		if done <= half {
			p.report(PhaseWrite, done, half)
			return
		}
		p.report(PhaseReadBack, done-half, half)
	}
}

// progressWriter counts bytes hashed for PhaseHash.
type progressWriter struct {
	p           Progress
	done, total int64
	next        int64
}

func (w *progressWriter) Write(b []byte) (int, error) {
	w.done += int64(len(b))
	if w.done >= w.next || w.done == w.total {
		w.p.report(PhaseHash, w.done, w.total)
		w.next = w.done + 1<<20
	}
	return len(b), nil
}

// hashFile returns the hex SHA-256 and size of the file at path; it stops
// once ctx is done.
func hashFile(ctx context.Context, path string, p Progress) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("failed to hash %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", 0, fmt.Errorf("failed to hash %s: %w", path, err)
	}
	return hashReader(reader{ctx, f}, st.Size(), p)
}

// hashReader returns the hex SHA-256 of r (size bytes, for progress) and
// the bytes read.
func hashReader(r io.Reader, size int64, p Progress) (string, int64, error) {
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(h, &progressWriter{p: p, total: size}), r)
	if err != nil {
		return "", 0, fmt.Errorf("failed to hash the bundle: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
