package bundle

import (
	"errors"
	"io"
	"io/fs"

	"filippo.io/age"
)

// Facts of the age v1 format (age-encryption.org/v1) that the error
// classification below relies on.
const (
	ageIntro     = "age-encryption.org/v1\n"
	chunkSize    = 64 << 10
	encChunkSize = chunkSize + 16 // ChaCha20-Poly1305 tag per chunk
	nonceSize    = 16
)

// ageFile is an age file whose header has been opened: its file key is
// known, so its payload can be decrypted any number of times without
// repeating the (possibly slow, scrypt) unwrap.
type ageFile struct {
	src     io.ReaderAt
	size    int64
	hdrLen  int64
	fileKey []byte
}

// openAge parses and opens the age header of src (size bytes) with the
// first identity that fits. This is the decryption path of every read, and
// the one the C2SP CCTV vectors test. Errors: ErrTruncated (empty file or
// cut header), ErrNotBundle (not an age file), ErrWrongKey (no identity
// fits), ErrCorrupt (malformed header or bad header MAC).
func openAge(src io.ReaderAt, size int64, ids ...age.Identity) (*ageFile, error) {
	if err := checkIntro(src, size); err != nil {
		return nil, err
	}
	hdr, err := age.ExtractHeader(io.NewSectionReader(src, 0, size))
	if err != nil {
		return nil, headerError(err)
	}
	key, err := age.DecryptHeader(hdr, ids...)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, errorf(ErrWrongKey, "%v", err)
		}
		return nil, errorf(ErrCorrupt, "%v", err)
	}
	return &ageFile{src: src, size: size, hdrLen: int64(len(hdr)), fileKey: key}, nil
}

// checkIntro tells a cut file from a file that is not age at all.
func checkIntro(src io.ReaderAt, size int64) error {
	if size <= 0 {
		return errorf(ErrTruncated, "empty file")
	}
	buf := make([]byte, min(size, int64(len(ageIntro))))
	if _, err := src.ReadAt(buf, 0); err != nil && err != io.EOF {
		return readError(err)
	}
	if string(buf) != ageIntro[:len(buf)] {
		return errorf(ErrNotBundle, "no age header")
	}
	if len(buf) < len(ageIntro) {
		return errorf(ErrTruncated, "file ends inside the age header")
	}
	return nil
}

// headerError classifies a header age could not parse: if parsing ran
// into the end of the file, the file was cut; otherwise the header is
// malformed. (age wraps the io.EOF of its line reader with %w.)
func headerError(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errorf(ErrTruncated, "file ends inside the age header: %v", err)
	}
	return errorf(ErrCorrupt, "%v", err)
}

// readError passes an I/O error of the underlying file through unchanged:
// a failing USB stick is neither a wrong key nor a forged file.
func readError(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return err
	}
	return errorf(ErrCorrupt, "%v", err)
}

// plaintext starts a new decryption of the whole payload, on a helper
// goroutine reading ahead (see readAhead). The caller must call close on
// the result.
func (f *ageFile) plaintext() (*plainReader, error) {
	if f.size-f.hdrLen < nonceSize {
		return nil, errorf(ErrTruncated, "file ends before the payload")
	}
	id := age.NewInjectedFileKeyIdentity(f.fileKey)
	r, err := age.Decrypt(io.NewSectionReader(f.src, 0, f.size), id)
	if err != nil {
		return nil, errorf(ErrCorrupt, "header changed since it was opened: %v", err)
	}
	return &plainReader{ra: newReadAhead(r), payload: f.size - f.hdrLen - nonceSize}, nil
}

// plainReader is the decrypted payload. It maps age's stream errors to this
// package's errors. Our writer pads the plaintext to whole 64 KiB chunks,
// so a bundle's payload is always a whole number of encrypted chunks: a
// failure with any other length means the file was cut (ErrTruncated); with
// a whole length, a byte changed (ErrCorrupt). Once the archive has ended
// (ended is set by the reader), a failure can only be bytes added or
// changed after the end, so it is ErrCorrupt.
type plainReader struct {
	ra      *readAhead
	payload int64 // encrypted bytes after the nonce
	ended   bool
	err     error
}

func (p *plainReader) Read(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.ra.Read(b)
	if err != nil && err != io.EOF {
		p.err = p.classify(err)
		err = p.err
	}
	return n, err
}

// close ends the helper goroutine.
func (p *plainReader) close() { p.ra.stop() }

func (p *plainReader) classify(err error) error {
	var pathErr *fs.PathError
	switch {
	case errors.As(err, &pathErr):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(ErrTruncated, "encrypted stream ends without its final chunk")
	case !p.ended && p.payload%encChunkSize != 0:
		return errorf(ErrTruncated, "encrypted stream ends inside a chunk: %v", err)
	default:
		return errorf(ErrCorrupt, "%v", err)
	}
}
