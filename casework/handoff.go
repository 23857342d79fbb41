package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"qingfeng/export/bundle"
	"qingfeng/export/handoff"
	"qingfeng/internal/atomicfile"
	"qingfeng/store"
)

// Handoff: this vault's exchange key and its contacts, export and import
// of encrypted bundles (package handoff), and the conflicts imports
// leave. Creating, replacing or removing a key or a contact is audited by
// the store with the record it writes.

// Keygen gives the vault its handoff key, named name (the operator when
// name is ""), in one transaction. An existing key is replaced only when
// replace is true (handoff.ErrIdentityExists otherwise): bundles sent to
// the old key cannot be opened any more.
func (s *Service) Keygen(name string, replace bool) (*handoff.Self, error) {
	if name == "" {
		name = s.Operator()
	}
	var self *handoff.Self
	err := s.update(func(tx *store.Tx) (err error) { self, err = handoff.Keygen(tx, name, replace); return err })
	return self, err
}

// Self returns this vault's key and the name it sends under, or
// handoff.ErrNoIdentity.
func (s *Service) Self() (*handoff.Self, error) {
	var self *handoff.Self
	err := s.view(func(tx *store.Tx) (err error) { self, err = handoff.LoadSelf(tx); return err })
	return self, err
}

// HandoffKeys is this vault's key (nil when it has none yet) and its
// contacts, sorted by name.
type HandoffKeys struct {
	Self     *handoff.Self
	Contacts []bundle.Contact
}

// Keys reads this vault's key and its contacts in one read transaction.
func (s *Service) Keys() (*HandoffKeys, error) {
	k := &HandoffKeys{}
	err := s.view(func(tx *store.Tx) (err error) {
		k.Self, err = handoff.LoadSelf(tx)
		if errors.Is(err, handoff.ErrNoIdentity) {
			k.Self = nil
		} else if err != nil {
			return err
		}
		k.Contacts, err = handoff.Contacts(tx)
		return err
	})
	return k, err
}

// AddContact adds the other vault's contact line (what its whoami shows)
// as a known sender and recipient, under name if name is not "", else
// under the name the line carries; it returns the contact added, whose
// fingerprint the person must compare with the other side's.
func (s *Service) AddContact(line, name string) (bundle.Contact, error) {
	c, err := bundle.ParseContact(line)
	if err != nil {
		return c, err
	}
	if name != "" {
		c.Name = name
	}
	return c, s.update(func(tx *store.Tx) error { return handoff.AddContact(tx, c) })
}

// Contacts returns the known contacts sorted by name.
func (s *Service) Contacts() ([]bundle.Contact, error) {
	var cs []bundle.Contact
	err := s.view(func(tx *store.Tx) (err error) { cs, err = handoff.Contacts(tx); return err })
	return cs, err
}

// RemoveContact deletes the contact named name and returns it; bundles it
// sends are refused from then on (handoff.ErrNoContact if there is none).
func (s *Service) RemoveContact(name string) (bundle.Contact, error) {
	var c bundle.Contact
	err := s.update(func(tx *store.Tx) (err error) { c, err = handoff.RemoveContact(tx, name); return err })
	return c, err
}

// AgeKey writes the vault's age secret key to path (mode 0600, through
// internal/atomicfile), so that the stock age command can open bundles
// sent to this vault. The key is secret: the audit entry (ActionSaveCopy
// on identity/self, naming path) is written in the same transaction, and
// if the file cannot be written, neither is the entry.
func (s *Service) AgeKey(path string) error {
	return s.update(func(tx *store.Tx) error {
		self, err := handoff.LoadSelf(tx)
		if err != nil {
			return err
		}
		if err := tx.Audit(store.ActionSaveCopy, handoff.TypeIdentity, handoff.IdentityID, "age secret key -> "+path); err != nil {
			return err
		}
		return atomicfile.WriteBytes(path, 0o600, []byte(self.Identity.AgeSecretKey()+"\n"))
	})
}

// ExportRequest says what to hand over and to whom: case (or generic
// dossier) ids, and either names of contacts or a passphrase.
type ExportRequest struct {
	Dossiers   []string
	To         []string
	Passphrase string
}

func (r ExportRequest) options(progress handoff.Progress) handoff.ExportOptions {
	return handoff.ExportOptions{Dossiers: r.Dossiers, To: r.To, Passphrase: r.Passphrase, Progress: progress}
}

// CheckExport tells whether Export could write a bundle for req, in one
// read transaction and before any file exists: this vault's key
// (handoff.ErrNoIdentity), the recipients (handoff.ErrRecipients,
// ErrNoContact) and the dossiers (handoff.ErrNoDossier). A front end calls
// it before asking where to write.
func (s *Service) CheckExport(req ExportRequest) error {
	return s.view(func(tx *store.Tx) error { return handoff.CheckExport(tx, req.options(nil)) })
}

// Export writes the dossiers of req, with everything that travels with
// them, to a bundle at out and audits it (one ActionExport entry per
// dossier, in the transaction that puts the file in place). progress (may
// be nil) is called on the calling goroutine. Cancelling ctx stops the
// export (the error wraps ctx.Err(); the cancel is audited). On any error
// nothing is left at out, and a file that was there is untouched.
func (s *Service) Export(ctx context.Context, req ExportRequest, out string, progress handoff.Progress) (*handoff.ExportResult, error) {
	return handoff.Export(ctx, s.v, out, req.options(progress))
}

// ImportRequest says how to open a bundle and what to do with it.
type ImportRequest struct {
	Passphrase string // opens a passphrase bundle; "" = this vault's key
	Trust      bool   // accept (and on a real import, add) a sender that is not a contact
	DryRun     bool   // report what the import would do; write nothing, audit nothing
}

// Import brings the bundle at path into the vault, all or nothing, or with
// req.DryRun tells what it would do: the dry run runs the import's own
// transaction and rolls it back, so both report the same. progress (may
// be nil) is called on the calling goroutine. Cancelling ctx stops it
// until the final transaction begins (the error wraps ctx.Err()). A
// refused real import is audited as refused.
func (s *Service) Import(ctx context.Context, path string, req ImportRequest, progress handoff.Progress) (*handoff.Report, error) {
	opts := handoff.ImportOptions{Passphrase: req.Passphrase, Trust: req.Trust, Progress: progress}
	if req.DryRun {
		return handoff.Preview(ctx, s.v, path, opts)
	}
	return handoff.Import(ctx, s.v, path, opts)
}

// Conflicts returns every unresolved conflict, both versions field by
// field, ordered by type and id. Showing them is a view of both versions'
// data: audited (ActionView on conflict, "conflicts list: N") in the same
// transaction.
func (s *Service) Conflicts() ([]handoff.ConflictView, error) {
	var cs []handoff.ConflictView
	err := s.update(func(tx *store.Tx) (err error) {
		if cs, err = handoff.Conflicts(tx); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, store.TypeConflict, "", fmt.Sprintf("conflicts list: %d", len(cs)))
	})
	return cs, err
}

// Resolve ends the conflict on typ/id keeping one side's data, in one
// transaction (audited "resolve" by the store). The result descends from
// both versions, so it wins wherever it travels next.
func (s *Service) Resolve(typ, id string, side handoff.Side) error {
	return s.update(func(tx *store.Tx) error { return handoff.Resolve(tx, typ, id, side) })
}

// ResolveWith ends the conflict on typ/id with data a person assembled
// (field by field, or written by hand), checked as an imported record
// would be, in one transaction.
func (s *Service) ResolveWith(typ, id string, data json.RawMessage) error {
	return s.update(func(tx *store.Tx) error { return handoff.ResolveWith(tx, typ, id, data) })
}
