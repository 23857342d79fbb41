package handoff

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"qingfeng/export/bundle"
	"qingfeng/store"
	"qingfeng/store/dossier"
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

// Report says what an import did, or what a dry run would do.
type Report struct {
	File           string                    `json:"file"`
	SHA256         string                    `json:"sha256"` // of the whole file
	DryRun         bool                      `json:"dry_run"`
	Sender         string                    `json:"sender"`
	Fingerprint    string                    `json:"fingerprint"`
	NewContact     bool                      `json:"new_contact"` // an unknown sender, trusted by the user
	Created        time.Time                 `json:"created"`
	Dossiers       []bundle.DossierRef       `json:"dossiers"`
	Records        []Outcome                 `json:"records"`
	Counts         map[store.MergeResult]int `json:"counts"`
	ContentWritten int                       `json:"content_written"` // attachments whose content was stored
	ContentBytes   int64                     `json:"content_bytes"`
	ContentPresent int                       `json:"content_present"` // attachments already held: not written again
	AuditImported  int                       `json:"audit_imported"`
	AuditKnown     int                       `json:"audit_known"` // sender entries imported before
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
	sum       string // hex SHA-256 of the file
}

// Preview opens, checks and plans an import of the bundle at path and
// returns what Import would do, writing nothing anywhere. It decrypts the
// whole bundle once and reads the file once more for its SHA-256.
func Preview(v *store.Vault, path string, opts ImportOptions) (*Report, error) {
	s, in, p, err := prepareImport(v, path, opts)
	if err != nil {
		return nil, err
	}
	defer s.close()
	rep := s.report(in, p)
	rep.DryRun = true
	err = v.View(func(tx *store.Tx) (err error) {
		rep.AuditImported, rep.AuditKnown, err = countAudit(tx, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// Import brings the bundle at path into the vault, all or nothing. It opens
// the bundle with the vault's identity (or opts.Passphrase), checks the
// signature and the sender, and reads the whole bundle once, checking every
// entry, before it writes anything. Then it stores the attachment content
// the vault lacks (discarded again if anything fails) and, in one
// transaction, merges every record (a record changed on both sides becomes
// a conflict that keeps both versions), appends the sender's audit entries
// and an import summary, and raises the number counters. A refused import
// leaves every record as it was and is itself audited.
func Import(v *store.Vault, path string, opts ImportOptions) (*Report, error) {
	rep, err := doImport(v, path, opts)
	if err != nil {
		_ = v.Update(func(tx *store.Tx) error {
			return tx.Audit(store.ActionImport, "bundle", "", fmt.Sprintf("refused %s: %v", path, err))
		})
		return nil, err
	}
	return rep, nil
}

func doImport(v *store.Vault, path string, opts ImportOptions) (*Report, error) {
	s, in, p, err := prepareImport(v, path, opts)
	if err != nil {
		return nil, err
	}
	defer s.close()
	rep := s.report(in, p)
	written, err := s.writeContent(p, rep)
	if err == nil {
		err = v.Update(func(tx *store.Tx) error { return s.apply(tx, in, rep) })
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

// prepareImport opens the bundle, reads it fully (the verify pass), plans
// the merge and hashes the file (the same open file the bundle was read
// from). On success the caller closes the session.
func prepareImport(v *store.Vault, path string, opts ImportOptions) (*session, *incoming, *plan, error) {
	s, err := openBundle(v, path, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	s.phase = PhaseVerify
	in, err := readIncoming(s.r)
	var p *plan
	if err == nil {
		p, err = makePlan(v, in)
	}
	if err == nil {
		s.phase = PhaseHash
		s.sum, _, err = hashReader(io.NewSectionReader(s.f, 0, s.size), s.size, opts.Progress)
	}
	if err != nil {
		s.close()
		return nil, nil, nil, err
	}
	return s, in, p, nil
}

// openBundle opens the file and its manifest with the vault's identity and
// contacts (the vault's own key counts as a contact, so a vault can take
// back its own bundle).
func openBundle(v *store.Vault, path string, opts ImportOptions) (*session, error) {
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
	if s.r, err = bundle.Open(f, st.Size(), ro); err != nil {
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

// report starts the report from the manifest and the plan.
func (s *session) report(in *incoming, p *plan) *Report {
	sender := s.r.Sender()
	rep := &Report{File: s.path, SHA256: s.sum, Sender: sender.Name, Fingerprint: sender.Fingerprint().String(),
		NewContact: s.newSender, Created: in.man.Created, Dossiers: in.man.Dossiers,
		Records: p.outcomes, ContentPresent: p.present}
	rep.count()
	return rep
}

// count tallies the records by result.
func (rep *Report) count() {
	rep.Counts = map[store.MergeResult]int{}
	for _, o := range rep.Records {
		rep.Counts[o.Result]++
	}
}

// apply is the one write transaction of an import.
func (s *session) apply(tx *store.Tx, in *incoming, rep *Report) error {
	if s.newSender {
		if err := AddContact(tx, s.r.Sender()); err != nil {
			return err
		}
	}
	for i, r := range in.records {
		res, err := merge(tx, r)
		if err != nil {
			return fmt.Errorf("failed to merge %s/%s: %w", r.Type, r.ID, err)
		}
		rep.Records[i].Result = res
	}
	rep.count()
	var err error
	if rep.AuditImported, rep.AuditKnown, err = importAudit(tx, in); err != nil {
		return err
	}
	if err := dossier.SyncCounters(tx); err != nil {
		return err
	}
	return auditImport(tx, rep)
}

// merge is tx.Merge with two refinements for conflicts already recorded
// here. A conflict recorded with this very remote version is left as it is
// (the store would write it again, and re-importing a bundle must change
// nothing). An update that descends from the conflict's remote version too
// (someone resolved the conflict in another vault) settles it: the conflict
// record is removed.
func merge(tx *store.Tx, r *store.Record) (store.MergeResult, error) {
	c, err := findConflict(tx, r.Type, r.ID)
	switch {
	case errors.Is(err, store.ErrNoConflict):
		return tx.Merge(r)
	case err != nil:
		return "", err
	case store.CompareVersions(c.Remote.Versions, r.Versions) == store.Equal && jsonEqual(c.Remote.Data, r.Data):
		return store.MergeConflict, nil
	}
	res, err := tx.Merge(r)
	if err != nil || res != store.MergeUpdated || store.CompareVersions(c.Remote.Versions, r.Versions) != store.Older {
		return res, err
	}
	return res, tx.Delete(store.TypeConflict, r.Type+"."+r.ID)
}
