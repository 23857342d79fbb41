package handoff

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"qingfeng/store"
)

// importedEntry is the detail of an ActionImport entry that carries one of
// the sender's audit entries: where it came from and the entry itself.
type importedEntry struct {
	Origin string          `json:"origin"` // "<machine>#<seq>" of the sending vault
	Entry  json.RawMessage `json:"entry"`
}

const importedPrefix = `{"origin":`

func origin(e *store.AuditEntry) string {
	return e.Machine + "#" + strconv.FormatUint(e.Seq, 10)
}

// importAudit appends every sender audit entry not imported before as an
// ActionImport entry naming the same record, its detail carrying the
// original entry. It returns how many it appended and how many were known.
func importAudit(tx *store.Tx, in *incoming) (added, known int, err error) {
	seen, err := importedOrigins(tx)
	if err != nil {
		return 0, 0, err
	}
	for _, a := range in.audit {
		o := origin(&a.entry)
		if seen[o] {
			known++
			continue
		}
		detail, err := marshalKeep(importedEntry{Origin: o, Entry: a.raw})
		if err != nil {
			return 0, 0, err
		}
		if err := tx.Audit(store.ActionImport, a.entry.Type, a.entry.ID, detail); err != nil {
			return 0, 0, err
		}
		seen[o] = true
		added++
	}
	return added, known, nil
}

// importedOrigins collects the origins of every audit entry imported before.
func importedOrigins(tx *store.Tx) (map[string]bool, error) {
	seen := map[string]bool{}
	err := tx.AuditEntries(func(e *store.AuditEntry) error {
		if e.Action != store.ActionImport || !strings.HasPrefix(e.Detail, importedPrefix) {
			return nil
		}
		var d importedEntry
		if json.Unmarshal([]byte(e.Detail), &d) == nil {
			seen[d.Origin] = true
		}
		return nil
	})
	return seen, err
}

// auditImport appends the summary entry of an import, named after the
// bundle file's SHA-256 (the sender's export entry names the same).
func auditImport(tx *store.Tx, rep *Report) error {
	detail, err := marshalKeep(map[string]any{"file": rep.File, "sender": rep.Sender, "fingerprint": rep.Fingerprint,
		"new_contact": rep.NewContact, "dossiers": rep.Dossiers, "counts": rep.Counts,
		"content_written": rep.ContentWritten, "content_present": rep.ContentPresent,
		"audit_imported": rep.AuditImported, "audit_known": rep.AuditKnown})
	if err != nil {
		return err
	}
	return tx.Audit(store.ActionImport, "bundle", rep.SHA256, detail)
}

// marshalKeep encodes v as compact JSON without escaping HTML characters.
func marshalKeep(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}
