package handoff

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"qingfeng/export/bundle"
	"qingfeng/internal/atomicfile"
	"qingfeng/store"
)

// ExportOptions say which dossiers to export and for whom.
type ExportOptions struct {
	Dossiers   []string // case ids, or ids of generic dossier records
	To         []string // names of contacts to encrypt to, or
	Passphrase string   // a passphrase (age scrypt) when no keys were exchanged
	Progress   Progress // optional
}

// ExportResult describes a written bundle.
type ExportResult struct {
	Path         string              `json:"path"`
	SHA256       string              `json:"sha256"` // of the whole file, as audited
	Size         int64               `json:"size"`
	Dossiers     []bundle.DossierRef `json:"dossiers"`
	To           []string            `json:"to,omitempty"` // "name (fingerprint)"; empty for a passphrase
	Records      int                 `json:"records"`
	Attachments  int                 `json:"attachments"`   // attachment records
	ContentBytes int64               `json:"content_bytes"` // distinct attachment content carried
	AuditEntries int                 `json:"audit_entries"`
}

// exportJob is what Export reads from the vault before writing.
type exportJob struct {
	self *Self
	to   []bundle.Contact
	col  *collection
}

// Export writes the dossiers with everything that belongs to them to a
// bundle at path, signed by the vault's identity, and audits it in the
// vault (ActionExport, with the dossiers, the recipients and the file's
// SHA-256). The bundle goes to a temporary file beside path
// (internal/atomicfile), is read back and every hash checked
// (bundle.WriteChecked), hashed whole, and renamed to path inside the
// transaction that writes the audit entries: a bundle is at path exactly
// when its export is audited. On any error, or when ctx is cancelled before
// that transaction (the error wraps ctx.Err(); the cancel is audited),
// nothing is left at path
// and a file that was there is untouched. Attachment content streams from
// the vault: memory stays flat.
func Export(ctx context.Context, v *store.Vault, path string, opts ExportOptions) (*ExportResult, error) {
	job, err := prepareExport(v, opts)
	if err != nil {
		return nil, err
	}
	entries, content, err := job.col.entries(v)
	if err != nil {
		return nil, err
	}
	cancellable(ctx, entries)
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return nil, fmt.Errorf("failed to create the bundle: %w", err)
	}
	defer f.Abort()
	res, err := job.write(ctx, f, entries, content, opts)
	if err == nil {
		err = commitExport(ctx, v, f, res)
	}
	if cerr := ctx.Err(); err != nil && cerr != nil {
		return nil, auditCancelled(v, path, cerr)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// CheckExport tells, in the caller's transaction, whether an export with
// opts can be written, before anything is: dossiers and either contacts or
// a passphrase (ErrRecipients), this vault's identity (ErrNoIdentity), every
// contact known (ErrNoContact), every dossier present (ErrNoDossier).
// Export makes the same checks first; a front end calls it before asking
// where to write the bundle.
func CheckExport(tx *store.Tx, opts ExportOptions) error {
	if _, err := exportKeys(tx, opts); err != nil {
		return err
	}
	for _, id := range opts.Dossiers {
		if _, _, err := findDossier(tx, id); err != nil {
			return err
		}
	}
	return nil
}

// exportKeys checks the options and reads the identity and the recipients.
func exportKeys(tx *store.Tx, opts ExportOptions) (*exportJob, error) {
	if (len(opts.To) == 0) == (opts.Passphrase == "") || len(opts.Dossiers) == 0 {
		return nil, ErrRecipients
	}
	self, err := LoadSelf(tx)
	if err != nil {
		return nil, err
	}
	job := &exportJob{self: self}
	for _, name := range opts.To {
		c, err := FindContact(tx, name)
		if err != nil {
			return nil, err
		}
		job.to = append(job.to, c)
	}
	return job, nil
}

// prepareExport reads the identity, the recipients and the collection in
// one read transaction.
func prepareExport(v *store.Vault, opts ExportOptions) (job *exportJob, err error) {
	err = v.View(func(tx *store.Tx) error {
		if job, err = exportKeys(tx, opts); err != nil {
			return err
		}
		job.col, err = collect(tx, opts.Dossiers)
		return err
	})
	return job, err
}

// write writes and reads back the bundle into f and hashes it.
func (job *exportJob) write(ctx context.Context, f *atomicfile.File, entries []bundle.Entry, content int64, opts ExportOptions) (*ExportResult, error) {
	_, err := bundle.WriteChecked(f, entries, bundle.WriteOptions{Sender: job.self.Identity, SenderName: job.self.Name,
		To: job.to, Passphrase: opts.Passphrase, Dossiers: job.col.refs, Progress: opts.Progress.writePasses()})
	if err != nil {
		return nil, err
	}
	res := job.result(f.Name(), content)
	res.SHA256, res.Size, err = hashFile(ctx, f.TempName(), opts.Progress)
	return res, err
}

func (job *exportJob) result(path string, content int64) *ExportResult {
	res := &ExportResult{Path: path, Dossiers: job.col.refs, Records: len(job.col.records),
		Attachments: len(job.col.atts), ContentBytes: content, AuditEntries: len(job.col.audit)}
	for _, c := range job.to {
		res.To = append(res.To, fmt.Sprintf("%s (%s)", c.Name, c.Fingerprint()))
	}
	return res
}

// commitExport audits the export and puts the bundle in place, in one
// transaction: the bundle is renamed to its path once the audit entries
// are written, and removed again if the transaction then fails to commit.
// A cancel that comes before the transaction starts still wins.
func commitExport(ctx context.Context, v *store.Vault, f *atomicfile.File, res *ExportResult) error {
	placed := false
	err := v.Update(func(tx *store.Tx) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := auditExport(tx, res); err != nil {
			return err
		}
		if err := place(f); err != nil {
			return fmt.Errorf("failed to put the bundle in place: %w", err)
		}
		placed = true
		return nil
	})
	if err != nil && placed {
		os.Remove(res.Path)
	}
	return err
}

// place commits f. If the commit fails after the rename (the folder sync),
// the bundle is removed again: a failed export leaves no file.
func place(f *atomicfile.File) error {
	tmp, statErr := os.Stat(f.TempName())
	err := f.Commit()
	if err != nil && statErr == nil {
		if cur, err := os.Stat(f.Name()); err == nil && os.SameFile(tmp, cur) {
			os.Remove(f.Name())
		}
	}
	return err
}

// auditExport appends one ActionExport entry per dossier to the sending
// vault's trail, so each dossier's history shows where it went. The detail
// names the file, its SHA-256, every dossier in it and the recipients.
func auditExport(tx *store.Tx, res *ExportResult) error {
	to := res.To
	if len(to) == 0 {
		to = []string{"passphrase"}
	}
	detail, err := json.Marshal(map[string]any{"file": res.Path, "sha256": res.SHA256, "dossiers": res.Dossiers,
		"to": to, "records": res.Records, "attachments": res.Attachments, "audit_entries": res.AuditEntries})
	if err != nil {
		return err
	}
	for _, d := range res.Dossiers {
		if err := tx.Audit(store.ActionExport, d.Type, d.ID, string(detail)); err != nil {
			return err
		}
	}
	return nil
}

// auditCancelled records an export stopped by its caller (the dossiers
// were read out of the vault; no file was left) and returns the error
// Export gives for it.
func auditCancelled(v *store.Vault, path string, cause error) error {
	err := v.Update(func(tx *store.Tx) error {
		return tx.Audit(store.ActionExport, "bundle", "", "cancelled, nothing written: "+path)
	})
	if err != nil {
		return err
	}
	return fmt.Errorf("export to %s cancelled: %w", path, cause)
}
