package handoff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"qingfeng/store"
)

// Outcome is what an import did, or a dry run would do, with one record.
type Outcome struct {
	Type   string            `json:"type"`
	ID     string            `json:"id"`
	Result store.MergeResult `json:"result"`
	Label  string            `json:"label,omitempty"` // number, title or name, from the record's data
}

// plan is what an import will do, decided in one read transaction before
// anything is written.
type plan struct {
	outcomes []Outcome           // predicted, in bundle order
	need     map[string][]wanted // hex SHA-256 → attachments that need that content
	present  int                 // attachment records whose content the vault already holds
	orphans  map[string]bool     // ids with chunks but no record (an interrupted import)
}

// wanted is an attachment whose content the import must store.
type wanted struct {
	id string
	a  *store.Attachment
}

// makePlan predicts the merge of every incoming record against the vault
// and decides which attachment content to store. Content is stored only for
// attachments the vault does not have: an attachment already held (the same
// id, which must then have the same SHA-256) is skipped, so a second bundle
// carrying the same file writes nothing.
func makePlan(v *store.Vault, in *incoming) (*plan, error) {
	p := &plan{need: map[string][]wanted{}, orphans: map[string]bool{}}
	err := v.View(func(tx *store.Tx) error {
		for _, r := range in.records {
			res, local, err := predict(tx, r)
			if err != nil {
				return err
			}
			p.outcomes = append(p.outcomes, Outcome{Type: r.Type, ID: r.ID, Result: res, Label: label(r.Data)})
			if r.Type != store.TypeAttachment {
				continue
			}
			if err := p.attachment(tx, in, r, local, res); err != nil {
				return err
			}
		}
		return nil
	})
	return p, err
}

// predict tells what tx.Merge would do with r, by the same rules, without
// writing: compare version vectors, and for a record we do not have, look
// for our tombstone. It also returns the local record, if any.
func predict(tx *store.Tx, r *store.Record) (store.MergeResult, *store.Record, error) {
	local, err := tx.Get(r.Type, r.ID)
	if errors.Is(err, store.ErrNotFound) {
		res, err := predictNew(tx, r)
		return res, nil, err
	}
	if err != nil {
		return "", nil, err
	}
	switch store.CompareVersions(local.Versions, r.Versions) {
	case store.Equal:
		return store.MergeUnchanged, local, nil
	case store.Newer:
		return store.MergeKeptLocal, local, nil
	case store.Older:
		return store.MergeUpdated, local, nil
	}
	if jsonEqual(local.Data, r.Data) {
		return store.MergeUnchanged, local, nil
	}
	return store.MergeConflict, local, nil
}

// predictNew is predict for a record the vault does not hold. The store
// names a tombstone "<type>.<id>" and keeps the dead version vector in it.
func predictNew(tx *store.Tx, r *store.Record) (store.MergeResult, error) {
	t, err := tx.Get(store.TypeTombstone, r.Type+"."+r.ID)
	if errors.Is(err, store.ErrNotFound) {
		return store.MergeAdded, nil
	}
	if err != nil {
		return "", err
	}
	var dead struct {
		Versions map[string]uint64 `json:"versions"`
	}
	if json.Unmarshal(t.Data, &dead) == nil && store.CompareVersions(dead.Versions, r.Versions) != store.Older {
		return store.MergeDeletedHere, nil
	}
	return store.MergeAdded, nil
}

// attachment decides about one incoming attachment record.
func (p *plan) attachment(tx *store.Tx, in *incoming, r, local *store.Record, res store.MergeResult) error {
	a, err := store.AttachmentOf(r)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadRecord, err)
	}
	if local != nil {
		la, err := store.AttachmentOf(local)
		if err != nil {
			return err
		}
		if la.SHA256 != a.SHA256 || la.Size != a.Size {
			return fmt.Errorf("%w: attachment %s", ErrContentMismatch, r.ID)
		}
		p.present++
		return nil
	}
	if res == store.MergeDeletedHere {
		return nil
	}
	size, ok := in.content[a.SHA256]
	switch {
	case !ok:
		return fmt.Errorf("%w: attachment %s (%s)", ErrMissingContent, r.ID, a.Name)
	case size != a.Size:
		return fmt.Errorf("%w: attachment %s is %d bytes, its content %d", ErrContentMismatch, r.ID, a.Size, size)
	}
	if tx.HasAttachmentContent(r.ID) {
		p.orphans[r.ID] = true
	}
	p.need[a.SHA256] = append(p.need[a.SHA256], wanted{id: r.ID, a: a})
	return nil
}

// label picks a short description from a record's data: its number and
// its title, name, summary or unit.
func label(data json.RawMessage) string {
	var f map[string]any
	if json.Unmarshal(data, &f) != nil {
		return ""
	}
	var parts []string
	if n, ok := f["number"].(string); ok && n != "" {
		parts = append(parts, n)
	}
	for _, k := range []string{"title", "name", "summary", "unit"} {
		if s, ok := f[k].(string); ok && s != "" {
			parts = append(parts, s)
			break
		}
	}
	return truncate(strings.Join(parts, " "), 60)
}

// truncate cuts s to at most n characters, marking the cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// jsonEqual compares two JSON documents by value (as the store's merge does).
func jsonEqual(a, b json.RawMessage) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
