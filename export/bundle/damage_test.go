package bundle

import (
	"bytes"
	"errors"
	"testing"
)

// damageFixture is a correct multi-chunk bundle from alice to bob, with the
// offsets of its age header parts.
type damageFixture struct {
	c                cast
	data             []byte
	stanzasAt, macAt int // start of the first stanza line, of the "---" line
	payloadAt        int // first byte after the header (the nonce)
}

func newDamageFixture(t *testing.T) damageFixture {
	c := newCast(t)
	data := legit(t, c)
	f := damageFixture{c: c, data: data, stanzasAt: len(ageIntro)}
	f.macAt = bytes.Index(data, []byte("\n---")) + 1
	f.payloadAt = f.macAt + bytes.IndexByte(data[f.macAt:], '\n') + 1
	if f.macAt <= f.stanzasAt || len(data)-f.payloadAt < 3*encChunkSize {
		t.Fatalf("fixture layout: header %d bytes, file %d bytes", f.payloadAt, len(data))
	}
	return f
}

// expectFlip is the error a flipped byte at offset i must give. Inside the
// recipient stanzas a flip may leave a well-formed stanza that no longer
// opens (indistinguishable from a wrong key) or a malformed one.
func (f damageFixture) expectFlip(i int) []error {
	switch {
	case i < f.stanzasAt:
		return []error{ErrNotBundle} // the age intro line
	case i < f.macAt:
		return []error{ErrWrongKey, ErrCorrupt}
	default:
		return []error{ErrCorrupt} // closing line, MAC, nonce, payload
	}
}

// TestFlippedBytes flips each byte of the age header and every 251st byte of
// the payload (plus its last 200), and checks each gives its one error.
func TestFlippedBytes(t *testing.T) {
	f := newDamageFixture(t)
	var offsets []int
	for i := 0; i < len(f.data); i++ {
		if i < f.payloadAt+64 || i%251 == 0 || i >= len(f.data)-200 {
			offsets = append(offsets, i)
		}
	}
	counts := map[string]int{}
	for _, i := range offsets {
		bad := bytes.Clone(f.data)
		bad[i] ^= 0x01
		err := openVerify(t, bad, f.c.bobOpts())
		if !isAny(err, f.expectFlip(i)) {
			t.Fatalf("flip at %d (header %d, payload at %d): %v, want %v", i, f.macAt, f.payloadAt, err, f.expectFlip(i))
		}
		counts[sentinelOf(err)]++
	}
	t.Logf("%d flips: %v", len(offsets), counts)
}

func sentinelOf(err error) string {
	for _, s := range allSentinels {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	return "none"
}

// TestTruncated cuts the file at every byte of the age header and at
// chosen places in the payload: inside the nonce, inside a chunk, exactly
// at a chunk boundary, one byte short of the end.
func TestTruncated(t *testing.T) {
	f := newDamageFixture(t)
	var cuts []int
	for i := 0; i <= f.payloadAt; i++ {
		cuts = append(cuts, i)
	}
	body := f.payloadAt + nonceSize
	cuts = append(cuts, f.payloadAt+7, body, body+100, body+encChunkSize, body+2*encChunkSize,
		body+2*encChunkSize+1, len(f.data)-encChunkSize, len(f.data)-17, len(f.data)-1)
	for _, n := range cuts {
		err := openVerify(t, f.data[:n], f.c.bobOpts())
		checkOnly(t, err, ErrTruncated)
	}
}

// TestAppended adds bytes after the end of a correct bundle: a few, and a
// whole chunk's worth (which keeps the length a whole number of chunks).
func TestAppended(t *testing.T) {
	f := newDamageFixture(t)
	for _, n := range []int{1, 100, encChunkSize, encChunkSize + 5} {
		bad := append(bytes.Clone(f.data), pseudoRandom(n, 4)...)
		checkOnly(t, openVerify(t, bad, f.c.bobOpts()), ErrCorrupt)
	}
}
