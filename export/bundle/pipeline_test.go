package bundle

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
	"time"
)

// failAfter accepts n bytes, then fails every write.
type failAfter struct {
	n   int
	err error
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, f.err
	}
	f.n -= len(p)
	return len(p), nil
}

// TestWriteReportsDestinationError: a destination that fails midway (a full
// USB stick) stops Write with that error, whichever goroutine met it.
func TestWriteReportsDestinationError(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	full := errors.New("no space left on device")
	big := attachment(pseudoRandom(3<<20, 5))
	for _, n := range []int{10, 100_000, 2 << 20} {
		_, err := Write(&failAfter{n: n, err: full}, []Entry{big}, sendOptions(alice, bob.contact))
		if !errors.Is(err, full) {
			t.Errorf("failing after %d bytes: %v", n, err)
		}
	}
}

// TestReadAheadDeliversInOrder reads through readAhead with odd read sizes
// and checks bytes and the final error.
func TestReadAheadDeliversInOrder(t *testing.T) {
	data := pseudoRandom(3*pipeBufSize+1234, 8)
	boom := errors.New("boom")
	ra := newReadAhead(io.MultiReader(bytes.NewReader(data), iotestErrReader{boom}))
	defer ra.stop()
	var got []byte
	buf := make([]byte, 7777)
	for {
		n, err := ra.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			if err != boom {
				t.Fatalf("final error %v", err)
			}
			break
		}
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, differ from the %d written", len(got), len(data))
	}
}

type iotestErrReader struct{ err error }

func (r iotestErrReader) Read([]byte) (int, error) { return 0, r.err }

// TestNoGoroutinesLeft: after many opens, passes and failures, the helper
// goroutines of readAhead and writeBehind have all ended.
func TestNoGoroutinesLeft(t *testing.T) {
	c := newCast(t)
	good := legit(t, c)
	cut := good[:len(good)-500]
	before := runtime.NumGoroutine()
	for range 20 {
		for _, data := range [][]byte{good, cut} {
			if r, err := Open(bytes.NewReader(data), int64(len(data)), c.bobOpts()); err == nil {
				r.Verify()
				r.Walk(func(Entry, io.Reader) error { return errors.New("stop") })
			}
		}
		Write(&failAfter{n: 1000, err: errors.New("full")}, sampleEntries(), sendOptions(c.alice, c.bob.contact))
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
}
