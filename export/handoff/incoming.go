package handoff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"qingfeng/export/bundle"
	"qingfeng/store"
)

// Bounds on the small entries an import holds in memory. Attachment content
// is never held: it streams into the vault.
const (
	maxRecordSize = 16 << 20 // one record's JSON
	maxAuditSize  = 1 << 20  // one audit entry's JSON
)

// incoming is what the verify pass read from a bundle: every record and
// audit entry (small, checked), and the attachment content it carries.
type incoming struct {
	man     bundle.Manifest
	records []*store.Record
	audit   []auditIn
	content map[string]int64 // hex SHA-256 → size, of attachments/ entries
}

// auditIn is one of the sender's audit entries, as it came.
type auditIn struct {
	entry store.AuditEntry
	raw   json.RawMessage // compact JSON, kept in the import entry's detail
}

// readIncoming walks the whole bundle once: records and audit entries are
// decoded and checked, attachment content only checked against the
// manifest. Nothing is written; what it returns is valid only if it
// returns no error (the walk fails on any damage, possibly at the very end).
func readIncoming(r *bundle.Reader) (*incoming, error) {
	in := &incoming{man: r.Manifest(), content: map[string]int64{}}
	err := r.Walk(func(e bundle.Entry, content io.Reader) error {
		info, err := e.Info()
		if err != nil {
			return err
		}
		switch info.Kind {
		case bundle.KindRecord:
			return in.readRecord(e, info, content)
		case bundle.KindAudit:
			return in.readAudit(e, info, content)
		}
		in.content[info.SHA256] = e.Size
		return nil
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// readSmall reads an entry of at most limit bytes (its size is checked
// against the manifest before anything is allocated).
func readSmall(e bundle.Entry, content io.Reader, limit int64, sentinel error) ([]byte, error) {
	if e.Size > limit {
		return nil, fmt.Errorf("%w: %s is %d bytes, more than %d", sentinel, e.Path, e.Size, limit)
	}
	// Reading to io.EOF makes the reader check size and hash now.
	buf := bytes.NewBuffer(make([]byte, 0, e.Size))
	if _, err := buf.ReadFrom(content); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (in *incoming) readRecord(e bundle.Entry, info bundle.PathInfo, content io.Reader) error {
	b, err := readSmall(e, content, maxRecordSize, ErrBadRecord)
	if err != nil {
		return err
	}
	r, err := decodeRecord(b, info)
	if err != nil {
		return err
	}
	in.records = append(in.records, r)
	return nil
}

// decodeRecord reads a record envelope and checks it may be merged: a
// traveling type, named as its path says, with a version history, of a
// schema this build reads, with data valid for the case model.
func decodeRecord(b []byte, info bundle.PathInfo) (*store.Record, error) {
	if !Travels(info.Type) {
		return nil, fmt.Errorf("%w: %s/%s", ErrForbiddenRecord, info.Type, info.ID)
	}
	var r store.Record
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil || dec.More() {
		return nil, fmt.Errorf("%w: %s/%s is not a record envelope", ErrBadRecord, info.Type, info.ID)
	}
	switch {
	case r.Type != info.Type || r.ID != info.ID:
		return nil, fmt.Errorf("%w: %s/%s names %s/%s", ErrBadRecord, info.Type, info.ID, r.Type, r.ID)
	case len(r.Versions) == 0:
		return nil, fmt.Errorf("%w: %s/%s has no version history", ErrBadRecord, r.Type, r.ID)
	case r.Schema > store.SchemaVersion:
		return nil, fmt.Errorf("%w: %s/%s has schema %d, newer than this program", ErrBadRecord, r.Type, r.ID, r.Schema)
	}
	r.Doc = 0
	if err := validateData(r.Type, r.ID, r.Data); err != nil {
		return nil, err
	}
	return &r, nil
}

func (in *incoming) readAudit(e bundle.Entry, info bundle.PathInfo, content io.Reader) error {
	b, err := readSmall(e, content, maxAuditSize, ErrBadAudit)
	if err != nil {
		return err
	}
	var a auditIn
	if err := json.Unmarshal(b, &a.entry); err != nil || a.entry.Seq != info.Seq || a.entry.Machine == "" {
		return fmt.Errorf("%w: %s", ErrBadAudit, e.Path)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return fmt.Errorf("%w: %s", ErrBadAudit, e.Path)
	}
	a.raw = buf.Bytes()
	in.audit = append(in.audit, a)
	return nil
}
