package handoff

import (
	"context"
	"errors"
	"fmt"
	"io"

	"qingfeng/export/bundle"
)

// readerAt reads a bundle file until ctx is done; then every read fails
// with ctx.Err(), which ends the pass reading it.
type readerAt struct {
	ctx context.Context
	r   io.ReaderAt
}

func (c readerAt) ReadAt(p []byte, off int64) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, fmt.Errorf("handoff: %w", err)
	}
	return c.r.ReadAt(p, off)
}

// reader reads an entry's content until ctx is done, and closes what it
// reads if that is an io.Closer (the bundle writer closes entry readers).
type reader struct {
	ctx context.Context
	r   io.Reader
}

func (c reader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, fmt.Errorf("handoff: %w", err)
	}
	return c.r.Read(p)
}

func (c reader) Close() error {
	if cl, ok := c.r.(io.Closer); ok {
		return cl.Close()
	}
	return nil
}

// cancellable makes every entry's content stop once ctx is done, so an
// export stops within one read of the cancel.
func cancellable(ctx context.Context, entries []bundle.Entry) {
	for i := range entries {
		open := entries[i].Open
		entries[i].Open = func() (io.Reader, error) {
			r, err := open()
			if err != nil {
				return nil, err
			}
			return reader{ctx, r}, nil
		}
	}
}

// cancelled is err, or, if ctx is done, an error that says so and wraps
// ctx.Err(): a read stopped by the cancel reaches the caller as damage
// (bundle.ErrCorrupt) otherwise.
func cancelled(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("handoff: cancelled: %w", cerr)
	}
	return err
}
