package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"testing"
)

// TestDamagedMetaBucketPointerIsCorrupt points the meta bucket (the header
// and the failed-unlock counter, read before the key is unwrapped) at a page
// far past the end of the file, as a flipped high byte of its page id does:
// Open must report ErrCorrupt, not die on the memory fault. (TestByteFlips
// hit this at random under the race detector: the fault killed the test
// binary, because unlock read the header without guardFaults.)
func TestDamagedMetaBucketPointerIsCorrupt(t *testing.T) {
	dir := t.TempDir()
	v, _, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	orig, err := os.ReadFile(Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	// A bucket's value in its parent's leaf follows its name: the root page
	// id (8 bytes), then the sequence. Every "meta" in the file gets the
	// page id 0xff000000 in turn; one of them is the bucket's.
	far := binary.LittleEndian.AppendUint64(nil, 0xff000000)
	tried := 0
	for off := 0; ; {
		i := bytes.Index(orig[off:], bucketMeta)
		if i < 0 {
			break
		}
		at := off + i + len(bucketMeta)
		off = at
		if at+len(far) > len(orig) {
			break
		}
		bad := bytes.Clone(orig)
		copy(bad[at:], far)
		d := t.TempDir()
		if err := os.WriteFile(Path(d), bad, 0o600); err != nil {
			t.Fatal(err)
		}
		tried++
		v, err := Open(d, testPass, testOpts())
		if err == nil {
			v.Close()
			continue // not the bucket's name, and the damage missed what Open reads
		}
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("meta pointer at %d: %v, want ErrCorrupt", at, err)
		}
	}
	if tried == 0 {
		t.Fatal("no meta bucket name in the file")
	}
}
