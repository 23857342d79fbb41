package casework

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"qingfeng/internal/atomicfile"
	"qingfeng/store"
)

// Attachments: evidence files kept sealed in the vault, listed, previewed
// inside the program, and copied out as plaintext only with an audit
// entry.

// Attachment is one attachment as the front ends list it: its record id
// and what its record says. It encodes to JSON as the store's Attachment.
type Attachment struct {
	ID string `json:"-"`
	store.Attachment
}

// AddAttachment streams the file at path into the vault as an attachment
// of owner ("type/id", may be empty), named by the file's base name, and
// returns its record. progress (may be nil) is called on the calling
// goroutine as the content is read, with the bytes read so far and the
// file's size. The content is written in several transactions (memory
// stays flat); the record that makes it visible, and its audit entry, in
// the last one. The file is opened and closed here.
func (s *Service) AddAttachment(owner, path string, progress func(done, total int64)) (*store.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open %s: %w", path, err)
	}
	defer f.Close()
	var r io.Reader = f
	if progress != nil {
		st, err := f.Stat()
		if err != nil {
			return nil, fmt.Errorf("failed to open %s: %w", path, err)
		}
		r = &progressReader{r: f, total: st.Size(), report: progress}
	}
	return s.v.AddAttachment(filepath.Base(path), owner, r)
}

// progressReader reports how much of its reader has been read.
type progressReader struct {
	r      io.Reader
	done   int64
	total  int64
	report func(done, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.done += int64(n)
		p.report(p.done, p.total)
	}
	return n, err
}

// Attachments lists the attachments of owner ("type/id"), or every
// attachment when owner is "", in key order, in one read transaction.
// Listing is not audited (the names only; the content is not read).
func (s *Service) Attachments(owner string) ([]Attachment, error) {
	var out []Attachment
	err := s.view(func(tx *store.Tx) (err error) { out, err = attachmentsOf(tx, owner); return err })
	return out, err
}

// attachmentsOf lists the attachments of owner ("" = all) inside tx.
func attachmentsOf(tx *store.Tx, owner string) ([]Attachment, error) {
	var out []Attachment
	err := tx.List(store.TypeAttachment, func(r *store.Record) error {
		a, err := store.AttachmentOf(r)
		if err != nil {
			return err
		}
		if owner == "" || a.Owner == owner {
			out = append(out, Attachment{ID: r.ID, Attachment: *a})
		}
		return nil
	})
	return out, err
}

// Preview reads the plaintext of attachment id for showing inside the
// program: at most max bytes (the rest is not decrypted), then an audit
// entry ("preview") is written; the bytes are returned only if it was.
// The content is read in short read transactions, one per chunk; a
// complete read is checked against the recorded SHA-256.
func (s *Service) Preview(id string, max int64) ([]byte, *store.Attachment, error) {
	rc, a, err := s.v.OpenAttachment(id)
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, max))
	if err != nil {
		return nil, nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		return tx.Audit(store.ActionView, store.TypeAttachment, id, "preview")
	})
	if err != nil {
		return nil, nil, err
	}
	return data, a, nil
}

// SaveCopy writes the plaintext of attachment id to path, outside the
// vault, through internal/atomicfile: the content goes to a temporary file
// beside path and is verified against its SHA-256 as it is read; then, in
// one transaction, the audit entry is written and the file renamed into
// place. Either both happen or neither: a content that does not verify, a
// failed rename or a failed audit leaves no file at path. Both front ends
// call this with the path the person chose; the entry names the content's
// SHA-256 and the absolute path.
func (s *Service) SaveCopy(id, path string) (*store.Attachment, error) {
	rc, a, err := s.v.OpenAttachment(id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return nil, fmt.Errorf("failed to create %s: %w", path, err)
	}
	defer f.Abort()
	if _, err := io.Copy(f, rc); err != nil {
		return nil, err
	}
	if err := s.commitAudited(f, store.ActionSaveCopy, store.TypeAttachment, id, saveCopyDetail(a, path)); err != nil {
		return nil, err
	}
	return a, nil
}

// saveCopyDetail is the audit detail of a plaintext copy.
func saveCopyDetail(a *store.Attachment, path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return "sha256 " + a.SHA256 + " -> " + path
}

// commitAudited writes one audit entry and, inside the same transaction,
// commits f into place; if the transaction then fails, the file is
// removed again. The caller still aborts f (a no-op after Commit).
func (s *Service) commitAudited(f *atomicfile.File, action, typ, id, detail string) error {
	committed := false
	err := s.update(func(tx *store.Tx) error {
		if err := tx.Audit(action, typ, id, detail); err != nil {
			return err
		}
		if err := f.Commit(); err != nil {
			return fmt.Errorf("failed to write %s: %w", f.Name(), err)
		}
		committed = true
		return nil
	})
	if err != nil && committed {
		os.Remove(f.Name())
	}
	return err
}
