package bundle

import (
	"archive/tar"
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"strings"
)

// archive reads the tar stream inside a decrypted payload and refuses, per
// header, what a bundle may not contain.
type archive struct {
	pr      *plainReader
	tr      *tar.Reader
	started bool // a header has been read
}

func newArchive(pr *plainReader) *archive {
	return &archive{pr: pr, tr: tar.NewReader(pr)}
}

// next returns the next header, io.EOF at the end of the archive, or the
// error for a header a bundle may not have: ErrUnsafePath, ErrNotRegular.
// A stream that is not a readable tar is ErrNotBundle at its start and
// ErrCorrupt later.
func (a *archive) next() (*tar.Header, error) {
	hdr, err := a.tr.Next()
	first := !a.started
	a.started = true
	switch {
	case err == io.EOF:
		return nil, io.EOF
	case errors.Is(err, tar.ErrInsecurePath) && hdr != nil:
		return nil, errorf(ErrUnsafePath, "%q", hdr.Name)
	case err != nil:
		return nil, archiveError(err, first)
	case unsafePath(hdr.Name):
		return nil, errorf(ErrUnsafePath, "%q", hdr.Name)
	case hdr.Typeflag != tar.TypeReg || isSparse(hdr):
		return nil, errorf(ErrNotRegular, "%q has type %q", hdr.Name, hdr.Typeflag)
	}
	return hdr, nil
}

// archiveError keeps this package's errors (from the decryption layer) and
// classifies tar's own.
func archiveError(err error, first bool) error {
	if classified(err) {
		return err
	}
	if first {
		return errorf(ErrNotBundle, "plaintext is not a tar archive: %v", err)
	}
	return errorf(ErrCorrupt, "malformed archive: %v", err)
}

// isSparse reports a GNU sparse file in PAX form, which archive/tar would
// expand (a small entry that reads as a huge one).
func isSparse(hdr *tar.Header) bool {
	for k := range hdr.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return true
		}
	}
	return false
}

// readManifest reads manifest.json, the entry every bundle starts with.
func readManifest(a *archive, l Limits) ([]byte, error) {
	hdr, err := a.next()
	if err == io.EOF || (err == nil && hdr.Name != ManifestName) {
		return nil, errorf(ErrNotBundle, "archive does not start with %s", ManifestName)
	}
	if err != nil {
		return nil, err
	}
	if hdr.Size > l.MaxManifestSize {
		return nil, errorf(ErrTooLarge, "%s of %d bytes", ManifestName, hdr.Size)
	}
	return readSmall(a, hdr.Size)
}

// readSignature reads manifest.sig, which must follow manifest.json.
func readSignature(a *archive) ([]byte, error) {
	hdr, err := a.next()
	if err == io.EOF || (err == nil && hdr.Name != SignatureName) {
		return nil, errorf(ErrSignature, "%s does not follow %s", SignatureName, ManifestName)
	}
	if err != nil {
		return nil, err
	}
	if hdr.Size != ed25519.SignatureSize {
		return nil, errorf(ErrSignature, "%s has %d bytes, not %d", SignatureName, hdr.Size, ed25519.SignatureSize)
	}
	return readSmall(a, hdr.Size)
}

// readSmall reads the current entry, whose size has been checked against a
// limit. The buffer grows with the bytes actually read.
func readSmall(a *archive, size int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, a.tr)
	if err != nil {
		return nil, archiveError(err, false)
	}
	if n != size {
		return nil, errorf(ErrCorrupt, "entry ended after %d of %d bytes", n, size)
	}
	return buf.Bytes(), nil
}

// trailer reads what follows the end of the archive: only zero padding,
// at most maxTrailing bytes of it, up to the authenticated end of the
// payload.
func (a *archive) trailer() error {
	a.pr.ended = true
	buf := make([]byte, 32<<10)
	var total int64
	for {
		n, err := a.pr.Read(buf)
		total += int64(n)
		if !allZero(buf[:n]) {
			return errorf(ErrUnlisted, "data after the end of the archive")
		}
		if total > maxTrailing {
			return errorf(ErrTooLarge, "more than %d bytes of padding", maxTrailing)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
