package bundle

import "io"

// writeBehind hands the bytes written to it to a helper goroutine, which
// writes them to dst in order (see pipeDepth). Write and close are called
// from one goroutine; dst belongs to the helper until close returns. The
// caller must call close, also after an error, to end the helper.
type writeBehind struct {
	dst    io.Writer
	work   chan []byte
	free   chan []byte
	done   chan struct{}
	failed chan struct{}
	err    error // set by the helper before failed closes
	cur    []byte
	closed bool
}

func newWriteBehind(dst io.Writer) *writeBehind {
	wb := &writeBehind{
		dst: dst, work: make(chan []byte, pipeDepth), free: make(chan []byte, pipeDepth),
		done: make(chan struct{}), failed: make(chan struct{}),
		cur: make([]byte, 0, pipeBufSize),
	}
	for range pipeDepth - 1 {
		wb.free <- make([]byte, 0, pipeBufSize)
	}
	go wb.drain()
	return wb
}

// drain runs on the helper goroutine. After an error it keeps taking
// buffers, without writing them, so Write never blocks on a dead helper.
func (wb *writeBehind) drain() {
	defer close(wb.done)
	for b := range wb.work {
		if wb.err == nil {
			if _, err := wb.dst.Write(b); err != nil {
				wb.err = err
				close(wb.failed)
			}
		}
		wb.free <- b[:0]
	}
}

// Write copies p into the current buffer and hands full buffers over. It
// returns the helper's error once the helper has failed.
func (wb *writeBehind) Write(p []byte) (int, error) {
	select {
	case <-wb.failed:
		return 0, wb.err
	default:
	}
	written := len(p)
	for len(p) > 0 {
		n := copy(wb.cur[len(wb.cur):cap(wb.cur)], p)
		wb.cur, p = wb.cur[:len(wb.cur)+n], p[n:]
		if len(wb.cur) == cap(wb.cur) {
			wb.work <- wb.cur
			wb.cur = <-wb.free
		}
	}
	return written, nil
}

// close hands over the last bytes, waits for the helper to write
// everything and returns its first error. Calling it again does nothing.
func (wb *writeBehind) close() error {
	if wb.closed {
		return wb.err
	}
	wb.closed = true
	if len(wb.cur) > 0 {
		wb.work <- wb.cur
	}
	close(wb.work)
	<-wb.done
	return wb.err
}
