package bundle

import (
	"io"
	"sync"
)

// The two halves of the work on a bundle, ChaCha20-Poly1305 and SHA-256,
// cost about the same. readAhead and writeBehind let them run on two cores:
// the calling goroutine hashes (and frames the tar stream) while one helper
// goroutine decrypts or encrypts. Memory stays flat: pipeDepth buffers of
// pipeBufSize bytes each.
const (
	pipeDepth   = 4
	pipeBufSize = 256 << 10
)

// readAhead reads its source on a helper goroutine, up to pipeDepth
// buffers ahead of the consumer. The consumer must call stop when done,
// even after an error; the helper owns the source until then.
type readAhead struct {
	filled chan filledBuf
	free   chan []byte
	quit   chan struct{}
	once   sync.Once
	cur    filledBuf
	off    int
}

type filledBuf struct {
	b   []byte
	err error // after b: the source's error or io.EOF
}

func newReadAhead(src io.Reader) *readAhead {
	ra := &readAhead{
		filled: make(chan filledBuf, pipeDepth),
		free:   make(chan []byte, pipeDepth),
		quit:   make(chan struct{}),
	}
	for range pipeDepth {
		ra.free <- make([]byte, pipeBufSize)
	}
	go ra.fill(src)
	return ra
}

// fill runs on the helper goroutine until the source ends or stop.
func (ra *readAhead) fill(src io.Reader) {
	for {
		var buf []byte
		select {
		case buf = <-ra.free:
		case <-ra.quit:
			return
		}
		n, err := readUpTo(src, buf)
		select {
		case ra.filled <- filledBuf{buf[:n], err}:
		case <-ra.quit:
			return
		}
		if err != nil {
			return
		}
	}
}

// readUpTo reads until buf is full or the source fails or ends.
func readUpTo(src io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := src.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Read returns the bytes read ahead, in order, then the source's error.
func (ra *readAhead) Read(p []byte) (int, error) {
	for ra.off == len(ra.cur.b) {
		if ra.cur.err != nil {
			return 0, ra.cur.err
		}
		if ra.cur.b != nil {
			ra.free <- ra.cur.b[:cap(ra.cur.b)]
		}
		ra.cur, ra.off = <-ra.filled, 0
	}
	n := copy(p, ra.cur.b[ra.off:])
	ra.off += n
	return n, nil
}

// stop tells the helper goroutine to finish; it may still be inside one
// Read of the source, which it abandons as soon as that returns.
func (ra *readAhead) stop() { ra.once.Do(func() { close(ra.quit) }) }
