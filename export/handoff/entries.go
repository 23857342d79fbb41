package handoff

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"qingfeng/export/bundle"
	"qingfeng/store"
)

// encodeRecord is the JSON a record travels as: the whole envelope, with its
// version vector, so the receiver can merge. Doc (a local index number) is
// zeroed. HTML characters are kept as they are, so Data arrives byte for byte.
func encodeRecord(r *store.Record) ([]byte, error) {
	c := r.Clone()
	c.Doc = 0
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("failed to encode %s/%s: %w", r.Type, r.ID, err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// memEntry is a bundle entry held in memory (a record or an audit entry).
func memEntry(path string, b []byte) bundle.Entry {
	return bundle.Entry{Path: path, Size: int64(len(b)), SHA256: sha256.Sum256(b),
		Open: func() (io.Reader, error) { return bytes.NewReader(b), nil }}
}

// entries turns the collection into bundle entries. Records and audit
// entries are small and held in memory; attachment content is streamed from
// the vault by Entry.Open (the bundle writer closes the reader). The same
// content is carried once, however many attachment records share it.
func (c *collection) entries(v *store.Vault) ([]bundle.Entry, int64, error) {
	var out []bundle.Entry
	for _, r := range c.records {
		b, err := encodeRecord(r)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, memEntry(bundle.RecordPath(r.Type, r.ID), b))
	}
	content, size, err := c.contentEntries(v)
	if err != nil {
		return nil, 0, err
	}
	out = append(out, content...)
	for _, e := range c.audit {
		b, err := json.Marshal(e)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, memEntry(bundle.AuditPath(e.Seq), b))
	}
	return out, size, nil
}

// contentEntries returns one streamed entry per distinct attachment content
// and the total content size.
func (c *collection) contentEntries(v *store.Vault) ([]bundle.Entry, int64, error) {
	var out []bundle.Entry
	var size int64
	seen := map[string]bool{}
	for _, r := range c.atts {
		a, err := store.AttachmentOf(r)
		if err != nil {
			return nil, 0, err
		}
		sum, err := hex.DecodeString(a.SHA256)
		if err != nil || len(sum) != sha256.Size {
			return nil, 0, fmt.Errorf("%w: attachment %s has no valid sha256", store.ErrCorrupt, r.ID)
		}
		if seen[a.SHA256] {
			continue
		}
		seen[a.SHA256] = true
		id := r.ID
		out = append(out, bundle.Entry{Path: bundle.AttachmentPath([32]byte(sum)), Size: a.Size, SHA256: [32]byte(sum),
			Open: func() (io.Reader, error) {
				rc, _, err := v.OpenAttachment(id)
				return rc, err
			}})
		size += a.Size
	}
	return out, size, nil
}
