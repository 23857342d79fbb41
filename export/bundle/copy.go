package bundle

import (
	"fmt"
	"io"
)

// copyBufSize is the buffer of every copy loop: big enough for throughput,
// fixed so memory stays flat whatever the entry size.
const copyBufSize = 256 << 10

// copyExact opens e, copies exactly e.Size bytes to dst with buf, and
// closes the reader if it is an io.Closer. A reader that ends early or has
// more than e.Size bytes is ErrSize.
func copyExact(dst io.Writer, e Entry, buf []byte) (err error) {
	r, err := e.Open()
	if err != nil {
		return fmt.Errorf("bundle: failed to open %q: %w", e.Path, err)
	}
	if c, ok := r.(io.Closer); ok {
		defer func() {
			if cerr := c.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("bundle: failed to close %q: %w", e.Path, cerr)
			}
		}()
	}
	n, err := io.CopyBuffer(dst, io.LimitReader(r, e.Size), buf)
	if err != nil {
		return fmt.Errorf("bundle: failed to copy %q: %w", e.Path, err)
	}
	if n != e.Size {
		return errorf(ErrSize, "%q gave %d bytes, declared %d", e.Path, n, e.Size)
	}
	if extra, _ := io.ReadFull(r, buf[:1]); extra > 0 {
		return errorf(ErrSize, "%q has more than the %d bytes declared", e.Path, e.Size)
	}
	return nil
}
