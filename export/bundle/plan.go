package bundle

import (
	"crypto/sha256"
	"io"
	"slices"
	"time"

	"filippo.io/age"
)

// WriteOptions say who sends a bundle, to whom, and what it describes.
type WriteOptions struct {
	Sender     *Identity // signs the manifest; required
	SenderName string    // the sender's name in the manifest; required
	To         []Contact // encrypt to these contacts, or
	Passphrase string    // to this passphrase (age scrypt) when no keys were exchanged
	Dossiers   []DossierRef
	Created    time.Time // zero means now; stored in UTC, whole seconds

	// Progress, if set, is called on the goroutine that called Write or
	// WriteFile with the entry bytes processed so far and the total: the
	// sum of entry sizes for each pass (the writing pass, the read-back of
	// WriteFile, and a hashing pass over entries given without SHA256).
	// It is called at least every MiB and once at the end.
	Progress func(done, total int64)
}

// plan is a bundle ready to be written: entries sorted and hashed, manifest
// encoded and signed.
type plan struct {
	entries []Entry
	recips  []age.Recipient
	capture *keyCapture
	man     *Manifest
	mjson   []byte
	sig     []byte
	prog    *progress
}

// newPlan validates the options and entries, hashes the entries that came
// without SHA256 (a first pass) and builds the signed manifest. passes is
// the number of full passes to come (1 for Write, 2 for WriteFile).
func newPlan(entries []Entry, opts WriteOptions, passes int64) (*plan, error) {
	if !opts.Sender.usable() || !validName(opts.SenderName) {
		return nil, errorf(ErrOptions, "sender identity and a printable sender name are required")
	}
	recips, err := opts.recipients()
	if err != nil {
		return nil, err
	}
	p := &plan{entries: sortByKind(entries), prog: &progress{fn: opts.Progress}}
	p.capture = &keyCapture{inner: recips[0]}
	p.recips = append([]age.Recipient{p.capture}, recips[1:]...)
	if err := p.checkEntries(passes); err != nil {
		return nil, err
	}
	if err := p.hashMissing(); err != nil {
		return nil, err
	}
	if err := p.sign(opts); err != nil {
		return nil, err
	}
	return p, nil
}

// sortByKind returns a copy of entries in archive order (records,
// attachments, audit), keeping the caller's order within a kind.
func sortByKind(entries []Entry) []Entry {
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b Entry) int {
		ia, _ := ParsePath(a.Path)
		ib, _ := ParsePath(b.Path)
		return int(ia.Kind) - int(ib.Kind)
	})
	return sorted
}

// checkEntries refuses entries a default reader would refuse, and sets the
// progress total.
func (p *plan) checkEntries(passes int64) error {
	if _, err := checkEntries(p.entries, DefaultLimits(), ErrBadEntry); err != nil {
		return err
	}
	for _, e := range p.entries {
		if e.Open == nil {
			return errorf(ErrBadEntry, "%q has no Open func", e.Path)
		}
		p.prog.total += passes * e.Size
		if e.SHA256 == [32]byte{} {
			p.prog.total += e.Size
		}
	}
	return nil
}

// hashMissing computes the SHA-256 of entries given without one, then
// checks attachment names against the hashes.
func (p *plan) hashMissing() error {
	buf := make([]byte, copyBufSize)
	for i, e := range p.entries {
		if e.SHA256 != [32]byte{} {
			continue
		}
		sum, err := p.hashEntry(e, buf)
		if err != nil {
			return err
		}
		p.entries[i].SHA256 = sum
	}
	_, err := checkEntries(p.entries, DefaultLimits(), ErrBadEntry)
	return err
}

// hashEntry reads exactly e.Size bytes of e and returns their SHA-256.
func (p *plan) hashEntry(e Entry, buf []byte) ([32]byte, error) {
	var sum [32]byte
	h := sha256.New()
	if err := copyExact(io.MultiWriter(h, progressWriter{p.prog}), e, buf); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}

// sign builds manifest.json and its signature.
func (p *plan) sign(opts WriteOptions) error {
	created := opts.Created
	if created.IsZero() {
		created = time.Now()
	}
	p.man = &Manifest{
		Version:  FormatVersion,
		Sender:   opts.Sender.Contact(opts.SenderName),
		Created:  created.UTC().Truncate(time.Second),
		Dossiers: slices.Clone(opts.Dossiers),
		Entries:  stripOpen(p.entries),
	}
	if len(p.man.Dossiers) > DefaultLimits().MaxEntries {
		return errorf(ErrTooLarge, "%d dossier references", len(p.man.Dossiers))
	}
	mjson, err := p.man.encode()
	if err != nil {
		return err
	}
	if int64(len(mjson)) > DefaultLimits().MaxManifestSize {
		return errorf(ErrTooLarge, "manifest of %d bytes", len(mjson))
	}
	p.mjson, p.sig = mjson, opts.Sender.signManifest(mjson)
	return nil
}

// stripOpen copies entries without their Open funcs, for the Manifest.
func stripOpen(entries []Entry) []Entry {
	out := make([]Entry, len(entries))
	for i, e := range entries {
		out[i] = Entry{Path: e.Path, Size: e.Size, SHA256: e.SHA256}
	}
	return out
}
