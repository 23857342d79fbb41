package bundle

import (
	"archive/tar"
	"crypto/sha256"
	"fmt"
	"io"

	"filippo.io/age"
)

// Write writes a bundle of entries to dst, streaming: memory stays flat
// whatever the entry sizes. Entries may come in any order; they are written
// records first, then attachments, then audit entries, each kind in the
// order given. Write hashes entries that have no SHA256 in a first pass, and
// checks every entry's size and hash again while writing it (ErrSize,
// ErrHash). It returns the manifest written. dst is not closed; on error it
// holds a partial file that the caller must discard.
func Write(dst io.Writer, entries []Entry, opts WriteOptions) (*Manifest, error) {
	p, err := newPlan(entries, opts, 1)
	if err != nil {
		return nil, err
	}
	if err := p.write(dst); err != nil {
		return nil, err
	}
	p.prog.end()
	return p.man, nil
}

// write encrypts the archive to dst: manifest.json, manifest.sig, the
// entries, the end of archive, then zero padding to whole 64 KiB chunks.
func (p *plan) write(dst io.Writer) error {
	aw, err := age.Encrypt(dst, p.recips...)
	if err != nil {
		return fmt.Errorf("bundle: failed to start encryption: %w", err)
	}
	wb := newWriteBehind(aw) // aw and dst belong to wb's helper until wb.close
	err = p.writeArchive(wb)
	if werr := wb.close(); err == nil && werr != nil {
		err = fmt.Errorf("bundle: failed to write: %w", werr)
	}
	if err != nil {
		return err
	}
	if err := aw.Close(); err != nil {
		return fmt.Errorf("bundle: failed to finish encryption: %w", err)
	}
	return nil
}

// writeArchive writes the tar stream and its padding to w.
func (p *plan) writeArchive(w io.Writer) error {
	cw := &countWriter{w: w}
	tw := tar.NewWriter(cw)
	if err := p.writeHead(tw); err != nil {
		return err
	}
	buf := make([]byte, copyBufSize)
	for _, e := range p.entries {
		if err := p.writeEntry(tw, e, buf); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("bundle: failed to end the archive: %w", err)
	}
	return padToChunk(cw)
}

// writeHead writes manifest.json and manifest.sig.
func (p *plan) writeHead(tw *tar.Writer) error {
	for _, f := range []struct {
		name string
		data []byte
	}{{ManifestName, p.mjson}, {SignatureName, p.sig}} {
		if err := tw.WriteHeader(p.header(f.name, int64(len(f.data)))); err != nil {
			return fmt.Errorf("bundle: failed to write %s: %w", f.name, err)
		}
		if _, err := tw.Write(f.data); err != nil {
			return fmt.Errorf("bundle: failed to write %s: %w", f.name, err)
		}
	}
	return nil
}

// writeEntry streams one entry into the archive, checking its hash.
func (p *plan) writeEntry(tw *tar.Writer, e Entry, buf []byte) error {
	if err := tw.WriteHeader(p.header(e.Path, e.Size)); err != nil {
		return fmt.Errorf("bundle: failed to write %q: %w", e.Path, err)
	}
	h := sha256.New()
	if err := copyExact(io.MultiWriter(tw, h, progressWriter{p.prog}), e, buf); err != nil {
		return err
	}
	var sum [32]byte
	if h.Sum(sum[:0]); sum != e.SHA256 {
		return errorf(ErrHash, "%q changed: its content does not match the SHA-256 given", e.Path)
	}
	return nil
}

// header is the tar header of a regular file: mode 0600, no owner names,
// modified at the bundle's creation time. archive/tar picks USTAR, or PAX
// when a name needs it (long or non-ASCII).
func (p *plan) header(name string, size int64) *tar.Header {
	return &tar.Header{
		Typeflag: tar.TypeReg,
		Name:     name,
		Size:     size,
		Mode:     0o600,
		ModTime:  p.man.Created,
	}
}

// countWriter counts the plaintext bytes handed to age.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// padToChunk appends zero bytes (valid tar padding after the end of
// archive) so the plaintext fills whole 64 KiB chunks. Then every complete
// bundle's payload is a whole number of encrypted chunks, which lets the
// reader tell a cut file from a changed one.
func padToChunk(cw *countWriter) error {
	pad := (chunkSize - cw.n%chunkSize) % chunkSize
	if _, err := cw.Write(make([]byte, pad)); err != nil {
		return fmt.Errorf("bundle: failed to pad the archive: %w", err)
	}
	return nil
}
