package bundle

import (
	"crypto/sha256"
	"hash"
	"io"
)

// Entry is one file of a bundle: a record, an attachment or an audit entry.
//
// Writing, the caller fills all fields. SHA256 is the content's hash; when it
// is the zero value the writer computes it in a first pass. The writer calls
// Open at most twice (to hash, if SHA256 is zero, and to write; the
// read-back of WriteFile reads the bundle, not the entry), on the goroutine
// that called Write, reads exactly Size bytes, and closes the reader if it
// implements io.Closer.
//
// Reading, Open is nil and the other fields come from the verified manifest.
type Entry struct {
	Path   string // see RecordPath, AttachmentPath, AuditPath
	Size   int64
	SHA256 [32]byte
	Open   func() (io.Reader, error)
}

// Info parses the entry's path (see ParsePath).
func (e Entry) Info() (PathInfo, error) { return ParsePath(e.Path) }

// hashingReader hashes what it reads and, at the end of the entry, compares
// the count and the hash with what the manifest declared. It turns a clean
// io.EOF into ErrSize or ErrHash when they differ.
type hashingReader struct {
	r    io.Reader
	h    hash.Hash
	want Entry
	n    int64
	err  error
}

func newHashingReader(r io.Reader, want Entry) *hashingReader {
	return &hashingReader{r: r, h: sha256.New(), want: want}
}

func (hr *hashingReader) Read(p []byte) (int, error) {
	if hr.err != nil {
		return 0, hr.err
	}
	n, err := hr.r.Read(p)
	hr.h.Write(p[:n])
	hr.n += int64(n)
	if err == io.EOF {
		err = hr.finish()
	}
	hr.err = err
	return n, err
}

// finish checks the count and the hash once the data has ended.
func (hr *hashingReader) finish() error {
	if hr.n != hr.want.Size {
		return errorf(ErrSize, "%q: %d bytes, manifest says %d", hr.want.Path, hr.n, hr.want.Size)
	}
	var sum [32]byte
	hr.h.Sum(sum[:0])
	if sum != hr.want.SHA256 {
		return errorf(ErrHash, "%q", hr.want.Path)
	}
	return io.EOF
}
