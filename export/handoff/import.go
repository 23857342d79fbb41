package handoff

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"qingfeng/export/bundle"
	"qingfeng/store"
)

// ImportOptions say how to open a bundle and whom to trust.
type ImportOptions struct {
	// Passphrase opens a passphrase bundle; without it the vault's identity
	// opens a bundle encrypted to it.
	Passphrase string
	// Trust accepts a sender that is not a known contact, and (on a real
	// import) adds it as a contact in the same transaction. Without it such
	// a bundle is refused with bundle.ErrUnknownSender.
	Trust    bool
	Progress Progress // optional
}

// session is one opened bundle. The caller of openBundle closes it.
type session struct {
	v         *store.Vault
	opts      ImportOptions
	path      string
	f         *os.File
	size      int64
	r         *bundle.Reader
	phase     Phase
	newSender bool
	sum       string              // hex SHA-256 of the file
	need      map[string][]wanted // hex SHA-256 → added attachments needing it, from the dry run
}

// Preview opens and checks the bundle at path and returns what Import
// would do, writing nothing anywhere: it runs the import's own transaction
// (apply) as a store dry run, which is rolled back, so its report is the
// import's, from the real merge results. It decrypts the whole bundle once
// and reads the file once more for its SHA-256. Cancelling ctx stops it
// (the error wraps ctx.Err()).
func Preview(ctx context.Context, v *store.Vault, path string, opts ImportOptions) (*Report, error) {
	s, in, err := prepareImport(ctx, v, path, opts)
	if err != nil {
		return nil, cancelled(ctx, err)
	}
	defer s.close()
	rep, err := s.dryRun(in)
	if err != nil {
		return nil, err
	}
	rep.DryRun = true
	return rep, nil
}

// Import brings the bundle at path into the vault, all or nothing. It opens
// the bundle with the vault's identity (or opts.Passphrase), checks the
// signature and the sender, and reads the whole bundle once, checking every
// entry, before it writes anything. A dry run of the import's transaction
// then tells which attachments it adds; their content is stored (discarded
// again if anything fails), and in one transaction every record is merged
// (a record changed on both sides becomes a conflict that keeps both
// versions), the sender's audit entries and an import summary are appended
// and the number counters raised. A refused import leaves every record as
// it was and is itself audited. Cancelling ctx stops it until the final
// transaction begins.
func Import(ctx context.Context, v *store.Vault, path string, opts ImportOptions) (*Report, error) {
	rep, err := doImport(ctx, v, path, opts)
	if err != nil {
		err = cancelled(ctx, err)
		_ = v.Update(func(tx *store.Tx) error {
			return tx.Audit(store.ActionImport, "bundle", "", fmt.Sprintf("refused %s: %v", path, err))
		})
		return nil, err
	}
	return rep, nil
}

func doImport(ctx context.Context, v *store.Vault, path string, opts ImportOptions) (*Report, error) {
	s, in, err := prepareImport(ctx, v, path, opts)
	if err != nil {
		return nil, err
	}
	defer s.close()
	if _, err := s.dryRun(in); err != nil {
		return nil, err
	}
	written, err := s.writeContent()
	if err == nil {
		err = ctx.Err()
	}
	rep := s.newReport(in)
	if err == nil {
		err = v.Update(func(tx *store.Tx) error { return s.apply(tx, in, rep, false) })
	}
	for _, id := range written {
		// A no-op for every id whose record now exists.
		_ = v.DiscardAttachmentContent(id)
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// dryRun runs the import's transaction and rolls it back; it returns the
// report the import would give and fills s.need.
func (s *session) dryRun(in *incoming) (*Report, error) {
	s.need = map[string][]wanted{}
	rep := s.newReport(in)
	if err := s.v.DryRun(func(tx *store.Tx) error { return s.apply(tx, in, rep, true) }); err != nil {
		return nil, err
	}
	return rep, nil
}

// prepareImport opens the bundle, reads it fully (the verify pass) and
// hashes the file (the same open file the bundle was read from). On
// success the caller closes the session.
func prepareImport(ctx context.Context, v *store.Vault, path string, opts ImportOptions) (*session, *incoming, error) {
	s, err := openBundle(ctx, v, path, opts)
	if err != nil {
		return nil, nil, err
	}
	s.phase = PhaseVerify
	in, err := readIncoming(s.r)
	if err == nil {
		s.phase = PhaseHash
		src := io.NewSectionReader(readerAt{ctx, s.f}, 0, s.size)
		s.sum, _, err = hashReader(src, s.size, opts.Progress)
	}
	if err != nil {
		s.close()
		return nil, nil, err
	}
	return s, in, nil
}

// openBundle opens the file and its manifest with the vault's identity and
// contacts (the vault's own key counts as a contact, so a vault can take
// back its own bundle). Every read of the file fails once ctx is done.
func openBundle(ctx context.Context, v *store.Vault, path string, opts ImportOptions) (*session, error) {
	ro := bundle.ReadOptions{Passphrase: opts.Passphrase}
	if err := v.View(func(tx *store.Tx) error { return readKeys(tx, &ro) }); err != nil {
		return nil, err
	}
	if ro.Identity == nil && ro.Passphrase == "" {
		return nil, ErrNoIdentity
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open the bundle: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("failed to open the bundle: %w", err)
	}
	s := &session{v: v, opts: opts, path: path, f: f, size: st.Size()}
	ro.TrustUnknown = func(bundle.Contact) bool { s.newSender = true; return opts.Trust }
	ro.Progress = func(done, total int64) { opts.Progress.report(s.phase, done, total) }
	if s.r, err = bundle.Open(readerAt{ctx, f}, st.Size(), ro); err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// readKeys fills the identity (if the vault has one) and the contacts.
func readKeys(tx *store.Tx, ro *bundle.ReadOptions) error {
	self, err := LoadSelf(tx)
	switch {
	case err == nil:
		ro.Identity = self.Identity
		ro.Contacts = append(ro.Contacts, self.Contact())
	case !errors.Is(err, ErrNoIdentity):
		return err
	}
	contacts, err := Contacts(tx)
	ro.Contacts = append(ro.Contacts, contacts...)
	return err
}

func (s *session) close() { s.f.Close() }
