package store

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// SchemaVersion is the version of record envelopes this build writes. Every
// stored record carries the version it was written with, so a later release
// can migrate old records when it reads them.
const SchemaVersion = 1

// Record is one typed, versioned value in the vault. Data is the record's body
// as a JSON object; the store indexes every string in it for search.
type Record struct {
	Type     string            `json:"type"`
	ID       string            `json:"id"`
	Schema   int               `json:"schema"`
	Rev      uint64            `json:"rev"`      // 1 on create, +1 on every local or merged change
	Modified time.Time         `json:"modified"` // when this revision was written
	Machine  string            `json:"machine"`  // installation that wrote this revision
	Versions map[string]uint64 `json:"versions"` // version vector: edits per machine, for merging
	Doc      uint32            `json:"doc"`      // internal number used by the search index
	Data     json.RawMessage   `json:"data"`
}

// recKey is the bbolt key of a record: type, a zero byte, id.
func recKey(typ, id string) []byte {
	return append(append([]byte(typ), 0), id...)
}

// splitRecKey is the inverse of recKey.
func splitRecKey(k []byte) (typ, id string, ok bool) {
	i := bytes.IndexByte(k, 0)
	if i < 0 {
		return "", "", false
	}
	return string(k[:i]), string(k[i+1:]), true
}

// recAAD binds a sealed record to its bucket and key, so records cannot be swapped.
func recAAD(key []byte) []byte { return append([]byte("rec\x00"), key...) }

// NewID returns a fresh random record id (16 lowercase hex characters).
func NewID() string { return hex.EncodeToString(randomBytes(8)) }

// validName reports whether a type or id is usable as part of a key.
func validName(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, r := range s {
		if r == 0 || r == '/' || r < 0x20 {
			return false
		}
	}
	return true
}

// validate checks the parts a caller supplies.
func (r *Record) validate() error {
	if !validName(r.Type) || !validName(r.ID) {
		return fmt.Errorf("%w: bad type or id %q/%q", ErrInvalidRecord, r.Type, r.ID)
	}
	d := bytes.TrimSpace(r.Data)
	if len(d) == 0 || d[0] != '{' || !json.Valid(d) {
		return fmt.Errorf("%w: data of %s/%s must be a JSON object", ErrInvalidRecord, r.Type, r.ID)
	}
	return nil
}

// decodeRecord opens and parses a sealed record stored under key.
func (k *keys) decodeRecord(key, sealed []byte) (*Record, error) {
	pt, err := open(k.record, recAAD(key), sealed)
	if err != nil {
		return nil, fmt.Errorf("%w: record %q", ErrCorrupt, printableKey(key))
	}
	var r Record
	if err := json.Unmarshal(pt, &r); err != nil {
		return nil, fmt.Errorf("%w: record %q: %v", ErrCorrupt, printableKey(key), err)
	}
	typ, id, _ := splitRecKey(key)
	if r.Type != typ || r.ID != id {
		return nil, fmt.Errorf("%w: record %q names %s/%s", ErrCorrupt, printableKey(key), r.Type, r.ID)
	}
	return &r, nil
}

// encodeRecord seals a record for storage under key.
func (k *keys) encodeRecord(key []byte, r *Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep the caller's bytes: "&" stays "&"
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("failed to encode record: %w", err)
	}
	return seal(k.record, recAAD(key), bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// printableKey shows a record key as type/id for reports.
func printableKey(k []byte) string {
	if t, id, ok := splitRecKey(k); ok {
		return t + "/" + id
	}
	return hex.EncodeToString(k)
}

// Clone returns a deep copy of r.
func (r *Record) Clone() *Record {
	c := *r
	c.Data = append(json.RawMessage(nil), r.Data...)
	c.Versions = make(map[string]uint64, len(r.Versions))
	for m, n := range r.Versions {
		c.Versions[m] = n
	}
	return &c
}
