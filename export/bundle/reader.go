package bundle

import (
	"crypto/ed25519"
	"crypto/sha256"
	"io"
	"os"
	"slices"
)

// ReadOptions say how to decrypt a bundle and whom to trust.
type ReadOptions struct {
	Identity   *Identity // decrypt with this vault identity, and/or
	Passphrase string    // with this passphrase

	// Contacts are the known senders. A sender whose two keys equal a
	// contact's is trusted. A sender sharing a name or one key with a
	// contact, but not both keys, is refused with ErrSenderMismatch.
	Contacts []Contact
	// TrustUnknown is asked about any other sender, on the goroutine that
	// called Open; returning true trusts it for this bundle. When nil or
	// false, Open fails with ErrUnknownSender.
	TrustUnknown func(sender Contact) bool

	Limits Limits // zero means DefaultLimits

	// Progress, if set, is called on the goroutine running Verify or Walk
	// with the entry bytes read so far in that pass and their total.
	Progress func(done, total int64)
}

// Reader reads a bundle whose manifest has been decrypted, its signature
// verified and its sender trusted. It reads its source again for each pass
// (Verify, Walk), never writes anything, and is not safe for concurrent use.
type Reader struct {
	af       *ageFile
	man      *Manifest
	index    map[string]int
	headSum  [32]byte // SHA-256 of manifest.json then manifest.sig
	limits   Limits
	progress func(done, total int64)
}

// Open decrypts the age header of src (size bytes long), reads
// manifest.json and manifest.sig, verifies the signature against the sender
// key in the manifest, checks the manifest, and applies the trust rules of
// opts. It reads only the start of the archive: call Verify or Walk to check
// the entries. The caller keeps src open while the Reader is used.
func Open(src io.ReaderAt, size int64, opts ReadOptions) (*Reader, error) {
	ids, err := opts.identities()
	if err != nil {
		return nil, err
	}
	af, err := openAge(src, size, ids...)
	if err != nil {
		return nil, err
	}
	r := &Reader{af: af, limits: opts.Limits.orDefault(), progress: opts.Progress}
	if err := r.load(); err != nil {
		return nil, err
	}
	if err := checkTrust(r.man.Sender, opts); err != nil {
		return nil, err
	}
	return r, nil
}

// load reads and checks the manifest and its signature.
func (r *Reader) load() error {
	pr, err := r.af.plaintext()
	if err != nil {
		return err
	}
	defer pr.close()
	a := newArchive(pr)
	mjson, err := readManifest(a, r.limits)
	if err != nil {
		return err
	}
	m, err := parseManifest(mjson)
	if err != nil {
		return err
	}
	sig, err := readSignature(a)
	if err != nil {
		return err
	}
	if !ed25519.Verify(m.Sender.SigningKey, mjson, sig) {
		return errorf(ErrSignature, "not signed by the sender key in the manifest")
	}
	if len(m.Dossiers) > r.limits.MaxEntries {
		return errorf(ErrTooLarge, "%d dossier references", len(m.Dossiers))
	}
	index, err := checkEntries(m.Entries, r.limits, ErrManifest)
	if err != nil {
		return err
	}
	r.man, r.index, r.headSum = m, index, headSum(mjson, sig)
	return nil
}

func headSum(mjson, sig []byte) [32]byte {
	h := sha256.New()
	h.Write(mjson)
	h.Write(sig)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// Manifest returns a copy of the verified manifest.
func (r *Reader) Manifest() Manifest {
	m := *r.man
	m.Dossiers = slices.Clone(m.Dossiers)
	m.Entries = slices.Clone(m.Entries)
	m.Sender.SigningKey = slices.Clone(m.Sender.SigningKey)
	return m
}

// Sender returns the sender named in the manifest (whose key signed it).
func (r *Reader) Sender() Contact {
	s := r.man.Sender
	s.SigningKey = slices.Clone(s.SigningKey)
	return s
}

// ReadCloser is a Reader of a file it opened and must close.
type ReadCloser struct {
	*Reader
	f *os.File
}

// OpenFile opens the bundle file at path (see Open). The caller closes the
// returned ReadCloser.
func OpenFile(path string, opts ReadOptions) (*ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = errorf(ErrNotBundle, "%s is not a regular file", path)
	}
	var r *Reader
	if err == nil {
		r, err = Open(f, st.Size(), opts)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &ReadCloser{Reader: r, f: f}, nil
}

// Close closes the file.
func (rc *ReadCloser) Close() error { return rc.f.Close() }
