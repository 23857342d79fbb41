package handoff

import (
	"encoding/json"
	"fmt"
	"os"

	"qingfeng/export/bundle"
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
// bundle at path (see bundle.WriteFile: temporary name, fsync, read-back of
// every hash, rename), signed by the vault's identity, and audits it in the
// vault (ActionExport, with the dossiers, the recipients and the file's
// SHA-256). If the audit entry cannot be written the bundle is removed.
// Attachment content streams from the vault: memory stays flat.
func Export(v *store.Vault, path string, opts ExportOptions) (*ExportResult, error) {
	if (len(opts.To) == 0) == (opts.Passphrase == "") || len(opts.Dossiers) == 0 {
		return nil, ErrRecipients
	}
	job, err := prepareExport(v, opts)
	if err != nil {
		return nil, err
	}
	entries, content, err := job.col.entries(v)
	if err != nil {
		return nil, err
	}
	_, err = bundle.WriteFile(path, entries, bundle.WriteOptions{Sender: job.self.Identity, SenderName: job.self.Name,
		To: job.to, Passphrase: opts.Passphrase, Dossiers: job.col.refs, Progress: opts.Progress.writePasses()})
	if err != nil {
		return nil, err
	}
	res := job.result(path, content)
	if res.SHA256, res.Size, err = hashFile(path, opts.Progress); err == nil {
		err = auditExport(v, res)
	}
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return res, nil
}

// prepareExport reads the identity, the recipients and the collection in
// one read transaction.
func prepareExport(v *store.Vault, opts ExportOptions) (*exportJob, error) {
	job := &exportJob{}
	err := v.View(func(tx *store.Tx) (err error) {
		if job.self, err = LoadSelf(tx); err != nil {
			return err
		}
		for _, name := range opts.To {
			c, err := FindContact(tx, name)
			if err != nil {
				return err
			}
			job.to = append(job.to, c)
		}
		job.col, err = collect(tx, opts.Dossiers)
		return err
	})
	return job, err
}

func (job *exportJob) result(path string, content int64) *ExportResult {
	res := &ExportResult{Path: path, Dossiers: job.col.refs, Records: len(job.col.records),
		Attachments: len(job.col.atts), ContentBytes: content, AuditEntries: len(job.col.audit)}
	for _, c := range job.to {
		res.To = append(res.To, fmt.Sprintf("%s (%s)", c.Name, c.Fingerprint()))
	}
	return res
}

// auditExport appends one ActionExport entry per dossier to the sending
// vault's trail, so each dossier's history shows where it went. The detail
// names the file, its SHA-256, every dossier in it and the recipients.
func auditExport(v *store.Vault, res *ExportResult) error {
	to := res.To
	if len(to) == 0 {
		to = []string{"passphrase"}
	}
	detail, err := json.Marshal(map[string]any{"file": res.Path, "sha256": res.SHA256, "dossiers": res.Dossiers,
		"to": to, "records": res.Records, "attachments": res.Attachments, "audit_entries": res.AuditEntries})
	if err != nil {
		return err
	}
	return v.Update(func(tx *store.Tx) error {
		for _, d := range res.Dossiers {
			if err := tx.Audit(store.ActionExport, d.Type, d.ID, string(detail)); err != nil {
				return err
			}
		}
		return nil
	})
}
