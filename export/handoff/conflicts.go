package handoff

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"qingfeng/store"
)

// Version is one side of a conflict: who wrote it, when, and its data.
type Version struct {
	Machine  string            `json:"machine"`
	Modified time.Time         `json:"modified"`
	Versions map[string]uint64 `json:"versions"`
	Data     json.RawMessage   `json:"data"`
}

// FieldDiff is one top-level field of a conflicting record, on both sides.
// A side is null where the field is absent.
type FieldDiff struct {
	Field   string          `json:"field"`
	Local   json.RawMessage `json:"local"`
	Remote  json.RawMessage `json:"remote"`
	Differs bool            `json:"differs"`
}

// ConflictView shows a conflict side by side: our version as the vault
// holds it now, the other vault's, and field by field where they differ.
type ConflictView struct {
	Type   string      `json:"type"`
	ID     string      `json:"id"`
	Label  string      `json:"label,omitempty"`
	Found  time.Time   `json:"found"`
	Local  Version     `json:"local"`
	Remote Version     `json:"remote"`
	Fields []FieldDiff `json:"fields"`
}

// Conflicts returns every unresolved conflict, ordered by type and id.
func Conflicts(tx *store.Tx) ([]ConflictView, error) {
	cs, err := tx.Conflicts()
	if err != nil {
		return nil, err
	}
	out := make([]ConflictView, 0, len(cs))
	for _, c := range cs {
		v, err := viewConflict(tx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Type+"/"+out[i].ID < out[j].Type+"/"+out[j].ID
	})
	return out, nil
}

// viewConflict builds the view of one conflict. The local side is the
// record as it is now (edits after the conflict are shown); if it was
// deleted since, the version kept in the conflict is shown.
func viewConflict(tx *store.Tx, c store.Conflict) (ConflictView, error) {
	local := c.Local
	if cur, err := tx.Get(c.Type, c.ID); err == nil {
		local = cur
	} else if !errors.Is(err, store.ErrNotFound) {
		return ConflictView{}, err
	}
	if local == nil || c.Remote == nil {
		return ConflictView{}, fmt.Errorf("%w: conflict %s/%s lacks a side", store.ErrCorrupt, c.Type, c.ID)
	}
	return ConflictView{Type: c.Type, ID: c.ID, Label: label(local.Data), Found: c.Found,
		Local: versionOf(local), Remote: versionOf(c.Remote), Fields: diffFields(local.Data, c.Remote.Data)}, nil
}

func versionOf(r *store.Record) Version {
	return Version{Machine: r.Machine, Modified: r.Modified, Versions: r.Versions, Data: r.Data}
}

// diffFields compares two JSON objects key by key, in key order.
func diffFields(a, b json.RawMessage) []FieldDiff {
	var x, y map[string]json.RawMessage
	_ = json.Unmarshal(a, &x)
	_ = json.Unmarshal(b, &y)
	keys := map[string]bool{}
	for k := range x {
		keys[k] = true
	}
	for k := range y {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]FieldDiff, 0, len(names))
	for _, k := range names {
		l, r := x[k], y[k]
		out = append(out, FieldDiff{Field: k, Local: l, Remote: r, Differs: !store.JSONEqual(orNull(l), orNull(r))})
	}
	return out
}

func orNull(m json.RawMessage) json.RawMessage {
	if m == nil {
		return json.RawMessage("null")
	}
	return m
}

// Side names a version of a conflict to keep.
type Side string

// The two sides of a conflict.
const (
	Local  Side = "local"  // our version, as the vault holds it now
	Remote Side = "remote" // the other vault's version
)

// Resolve ends the conflict on typ/id by keeping one side's data. The
// result descends from both versions, so it wins wherever it travels next.
func Resolve(tx *store.Tx, typ, id string, side Side) error {
	c, err := findConflict(tx, typ, id)
	if err != nil {
		return err
	}
	switch side {
	case Local:
		cur, err := tx.Get(typ, id)
		if err != nil {
			return err
		}
		return ResolveWith(tx, typ, id, cur.Data)
	case Remote:
		return ResolveWith(tx, typ, id, c.Remote.Data)
	}
	return fmt.Errorf("%w: side %q", store.ErrInvalidRecord, side)
}

// ResolveWith ends the conflict on typ/id with data a person wrote (for
// example a field-by-field mix). The data is checked as an imported record
// would be; an attachment must keep its content.
func ResolveWith(tx *store.Tx, typ, id string, data json.RawMessage) error {
	if _, err := findConflict(tx, typ, id); err != nil {
		return err
	}
	if err := validateData(typ, id, data); err != nil {
		return err
	}
	if typ == store.TypeAttachment {
		if err := sameContent(tx, id, data); err != nil {
			return err
		}
	}
	return tx.Resolve(typ, id, data)
}

// findConflict returns the conflict on typ/id, or store.ErrNoConflict. The
// store names a conflict record "<type>.<id>".
func findConflict(tx *store.Tx, typ, id string) (*store.Conflict, error) {
	r, err := tx.Get(store.TypeConflict, typ+"."+id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%w: %s/%s", store.ErrNoConflict, typ, id)
	}
	if err != nil {
		return nil, err
	}
	var c store.Conflict
	if err := json.Unmarshal(r.Data, &c); err != nil || c.Remote == nil {
		return nil, fmt.Errorf("%w: conflict %s/%s", store.ErrCorrupt, typ, id)
	}
	return &c, nil
}

// sameContent checks that new attachment data names the content stored.
func sameContent(tx *store.Tx, id string, data json.RawMessage) error {
	cur, err := tx.Get(store.TypeAttachment, id)
	if err != nil {
		return err
	}
	a, _ := store.AttachmentOf(cur)
	b, err := store.AttachmentOf(&store.Record{Type: store.TypeAttachment, ID: id, Data: data})
	if err != nil || a.SHA256 != b.SHA256 || a.Size != b.Size || a.Chunks != b.Chunks {
		return fmt.Errorf("%w: attachment %s", ErrContentMismatch, id)
	}
	return nil
}
