package casework

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"qingfeng/store"
)

// AuditLine is one entry of the audit trail as a person reads it: the
// entry itself, the name of the record it is about, and its detail with
// a JSON object written out as "key: value" pairs. It encodes to JSON as
// the store's AuditEntry.
type AuditLine struct {
	store.AuditEntry
	// Name is the record's 编号 and title (or name, or 摘要) as stored
	// now; "" when the entry is about no record, or the record is gone.
	Name string `json:"-"`
	// Text is Detail, readable: a JSON object's members in their order,
	// "key: value; key: value"; any other detail as it is.
	Text string `json:"-"`
}

// AuditTrail reads the whole trail, oldest first, in one read-only
// transaction, naming the records the entries are about. It stops when
// ctx is done (ctx.Err()) or at an entry that does not decrypt; use
// VerifyAudit to check the chain. Reading the trail is not itself audited.
func (s *Service) AuditTrail(ctx context.Context) ([]AuditLine, error) {
	var lines []AuditLine
	err := s.view(func(tx *store.Tx) error {
		names := map[string]string{}
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			lines = append(lines, AuditLine{AuditEntry: *e, Name: recordName(tx, names, e.Type, e.ID), Text: readableDetail(e.Detail)})
			return ctx.Err()
		})
	})
	return lines, err
}

// VerifyAudit walks the whole hash chain in one read-only transaction and
// returns the number of entries checked and every break found (see
// store.Tx.VerifyAudit); err is only about the transaction itself.
func (s *Service) VerifyAudit() (n int, probs []store.Problem, err error) {
	err = s.view(func(tx *store.Tx) error { n, probs = tx.VerifyAudit(); return nil })
	return n, probs, err
}

// recordName names the record typ/id, reading each record once (seen
// caches the names); a record that cannot be read has no name.
func recordName(tx *store.Tx, seen map[string]string, typ, id string) string {
	if typ == "" || id == "" {
		return ""
	}
	key := typ + "/" + id
	if n, ok := seen[key]; ok {
		return n
	}
	n := ""
	if r, err := tx.Get(typ, id); err == nil {
		var f struct{ Number, Title, Name, Summary string }
		_ = json.Unmarshal(r.Data, &f)
		n = strings.TrimSpace(f.Number + " " + cmp.Or(f.Title, f.Name, f.Summary))
	}
	seen[key] = n
	return n
}

// readableDetail writes a detail holding one JSON object as its members,
// "key: value; …", in the order they were written; any other detail is
// returned as it is.
func readableDetail(d string) string {
	t := strings.TrimSpace(d)
	if !strings.HasPrefix(t, "{") || !json.Valid([]byte(t)) {
		return d
	}
	dec := json.NewDecoder(strings.NewReader(t))
	dec.UseNumber()
	dec.Token() // the opening brace
	var parts []string
	for dec.More() {
		k, err := dec.Token()
		var v any
		if err == nil {
			err = dec.Decode(&v)
		}
		if err != nil {
			return d
		}
		parts = append(parts, fmt.Sprintf("%v: %s", k, valueText(v)))
	}
	return strings.Join(parts, "; ")
}

// valueText is a JSON value as text: strings bare, nested values as JSON.
func valueText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case nil:
		return ""
	case map[string]any, []any:
		b, _ := json.Marshal(v)
		return string(b)
	}
	return fmt.Sprint(v)
}
