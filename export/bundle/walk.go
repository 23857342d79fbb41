package bundle

import (
	"archive/tar"
	"io"
)

// Verify reads the whole bundle once and checks every entry against the
// manifest: order, size, SHA-256, nothing missing, nothing extra, and the
// authenticated end of the file. It writes nothing anywhere.
func (r *Reader) Verify() error {
	return r.Walk(nil)
}

// Walk reads the bundle again and calls fn for each entry, in manifest
// order, on the calling goroutine, with a reader of the entry's content.
// The reader re-hashes as it goes: after the last byte it returns ErrSize
// or ErrHash instead of io.EOF if the content differs from the manifest.
// Whatever fn leaves unread is read and checked after fn returns; the
// reader is valid only until then. A nil fn only checks. An error from fn stops the walk and is
// returned as is.
//
// Walk fails as soon as anything is wrong, possibly after fn has seen
// earlier entries; a caller must treat what it received as tentative until
// Walk returns nil (the vault applies it in one transaction).
func (r *Reader) Walk(fn func(e Entry, content io.Reader) error) error {
	prog := &progress{fn: r.progress, total: totalSize(r.man.Entries)}
	if err := r.walkWith(fn, prog); err != nil {
		return err
	}
	prog.end()
	return nil
}

// walkWith is Walk counting into prog; a nil fn only checks.
func (r *Reader) walkWith(fn func(Entry, io.Reader) error, prog *progress) error {
	a, err := r.begin()
	if err != nil {
		return err
	}
	defer a.pr.close()
	buf := make([]byte, copyBufSize)
	i := 0
	for ; ; i++ {
		hdr, err := a.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := r.entry(a, hdr, i, fn, prog, buf); err != nil {
			return err
		}
	}
	if i < len(r.man.Entries) {
		return errorf(ErrMissing, "%q", r.man.Entries[i].Path)
	}
	return a.trailer()
}

// begin starts a pass: decrypts from the start and checks that the
// manifest and signature are the ones Open verified. The caller closes
// a.pr.
func (r *Reader) begin() (*archive, error) {
	pr, err := r.af.plaintext()
	if err != nil {
		return nil, err
	}
	a := newArchive(pr)
	if err := r.checkHead(a); err != nil {
		pr.close()
		return nil, err
	}
	return a, nil
}

// checkHead reads manifest.json and manifest.sig again and compares them
// with what Open verified.
func (r *Reader) checkHead(a *archive) error {
	mjson, err := readManifest(a, r.limits)
	if err != nil {
		return err
	}
	sig, err := readSignature(a)
	if err != nil {
		return err
	}
	if headSum(mjson, sig) != r.headSum {
		return errorf(ErrCorrupt, "the manifest changed since the bundle was opened")
	}
	return nil
}

// entry matches archive header number i with manifest entry i and passes
// its content through fn.
func (r *Reader) entry(a *archive, hdr *tar.Header, i int, fn func(Entry, io.Reader) error, prog *progress, buf []byte) error {
	e, err := r.match(hdr, i)
	if err != nil {
		return err
	}
	hr := newHashingReader(a.tr, e)
	content := io.TeeReader(hr, progressWriter{prog})
	if fn != nil {
		if err := fn(e, content); err != nil {
			return err
		}
	}
	if _, err := io.CopyBuffer(discard{}, content, buf); err != nil {
		return archiveError(err, false)
	}
	return nil
}

// match finds the manifest entry for archive header number i.
func (r *Reader) match(hdr *tar.Header, i int) (Entry, error) {
	idx, listed := r.index[hdr.Name]
	switch {
	case hdr.Name == ManifestName || hdr.Name == SignatureName || (listed && idx < i):
		return Entry{}, errorf(ErrDuplicate, "%q", hdr.Name)
	case !listed:
		return Entry{}, errorf(ErrUnlisted, "%q", hdr.Name)
	case idx != i:
		return Entry{}, errorf(ErrMissing, "%q is not where the manifest lists it", r.man.Entries[i].Path)
	case hdr.Size != r.man.Entries[i].Size:
		return Entry{}, errorf(ErrSize, "%q has %d bytes, manifest says %d", hdr.Name, hdr.Size, r.man.Entries[i].Size)
	}
	return r.man.Entries[i], nil
}

func totalSize(entries []Entry) int64 {
	var n int64
	for _, e := range entries {
		n += e.Size
	}
	return n
}

// discard is io.Discard without ReadFrom, so io.CopyBuffer uses our buffer.
type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
