package bundle

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// FormatVersion is the manifest format version this package writes and reads.
const FormatVersion = 1

// formatName is the value of the manifest's "format" field.
const formatName = "qingfeng-bundle"

// DossierRef names one dossier (or other record) the bundle carries and the
// revision it was exported at. The caller fills the list; this package only
// carries it.
type DossierRef struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Rev  string `json:"rev"`
}

// Manifest describes a bundle. It is the content of manifest.json.
type Manifest struct {
	Version  int
	Sender   Contact   // name and public keys of the signer
	Created  time.Time // UTC, whole seconds
	Dossiers []DossierRef
	Entries  []Entry // in archive order; Open is nil
}

// The JSON shape of manifest.json (see doc.go for the field meanings).
type manifestJSON struct {
	Format   string       `json:"format"`
	Version  int          `json:"version"`
	Sender   senderJSON   `json:"sender"`
	Created  time.Time    `json:"created"`
	Dossiers []DossierRef `json:"dossiers"`
	Entries  []entryJSON  `json:"entries"`
}

type senderJSON struct {
	Name    string `json:"name"`
	Age     string `json:"age"`
	Ed25519 string `json:"ed25519"`
}

type entryJSON struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// encode returns the manifest.json bytes for m.
func (m *Manifest) encode() ([]byte, error) {
	j := manifestJSON{
		Format:   formatName,
		Version:  m.Version,
		Sender:   senderJSON{m.Sender.Name, m.Sender.Recipient, base64.RawURLEncoding.EncodeToString(m.Sender.SigningKey)},
		Created:  m.Created,
		Dossiers: append([]DossierRef{}, m.Dossiers...),
		Entries:  make([]entryJSON, len(m.Entries)),
	}
	for i, e := range m.Entries {
		j.Entries[i] = entryJSON{e.Path, e.Size, hex.EncodeToString(e.SHA256[:])}
	}
	b, err := json.MarshalIndent(j, "", " ")
	if err != nil {
		return nil, fmt.Errorf("bundle: failed to encode manifest: %w", err)
	}
	return append(b, '\n'), nil
}

// parseManifest decodes manifest.json: ErrNotBundle if it is not a bundle
// manifest, ErrVersion for another version, ErrManifest if it is not a
// well-formed version 1 manifest. Entries are checked later, by check, after
// the signature.
func parseManifest(b []byte) (*Manifest, error) {
	if !utf8.Valid(b) {
		return nil, errorf(ErrManifest, "not UTF-8")
	}
	var probe struct {
		Format  string          `json:"format"`
		Version json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, errorf(ErrManifest, "%v", err)
	}
	if probe.Format != formatName {
		return nil, errorf(ErrNotBundle, "manifest format is %q", probe.Format)
	}
	if string(probe.Version) != "1" {
		return nil, errorf(ErrVersion, "%s", probe.Version)
	}
	var j manifestJSON
	if err := decodeStrict(b, &j); err != nil {
		return nil, errorf(ErrManifest, "%v", err)
	}
	return j.toManifest()
}

// decodeStrict decodes one JSON value with no unknown fields and nothing
// after it.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the manifest object")
	}
	return nil
}

func (j *manifestJSON) toManifest() (*Manifest, error) {
	key, err := base64.RawURLEncoding.Strict().DecodeString(j.Sender.Ed25519)
	if err != nil {
		return nil, errorf(ErrManifest, "sender key is not base64url")
	}
	m := &Manifest{
		Version:  j.Version,
		Sender:   Contact{Name: j.Sender.Name, Recipient: j.Sender.Age, SigningKey: key},
		Created:  j.Created,
		Dossiers: j.Dossiers,
		Entries:  make([]Entry, len(j.Entries)),
	}
	if err := m.Sender.Validate(); err != nil {
		return nil, errorf(ErrManifest, "sender: %v", err)
	}
	if m.Created.IsZero() {
		return nil, errorf(ErrManifest, "no creation time")
	}
	for i, e := range j.Entries {
		m.Entries[i] = Entry{Path: e.Path, Size: e.Size}
		if len(e.SHA256) != 64 || strings.ToLower(e.SHA256) != e.SHA256 {
			return nil, errorf(ErrManifest, "entry %d: bad sha256", i)
		}
		if _, err := hex.Decode(m.Entries[i].SHA256[:], []byte(e.SHA256)); err != nil {
			return nil, errorf(ErrManifest, "entry %d: bad sha256", i)
		}
	}
	return m, nil
}
