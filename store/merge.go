package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Record types the store keeps for merging. They are not user records and are
// never accepted from a bundle.
const (
	TypeConflict  = "conflict"  // a record changed on both sides, both versions kept
	TypeTombstone = "tombstone" // a deleted record's last version vector
)

// Order is how two version vectors relate.
type Order int

const (
	Equal      Order = iota // the same edits
	Older                   // the first is an ancestor of the second
	Newer                   // the second is an ancestor of the first
	Concurrent              // each has edits the other lacks
)

// CompareVersions tells how version vector a relates to b.
func CompareVersions(a, b map[string]uint64) Order {
	less, more := false, false
	for m, n := range a {
		if n > b[m] {
			more = true
		}
	}
	for m, n := range b {
		if n > a[m] {
			less = true
		}
	}
	switch {
	case less && more:
		return Concurrent
	case less:
		return Older
	case more:
		return Newer
	}
	return Equal
}

// mergeVersions is the element-wise maximum of two vectors.
func mergeVersions(a, b map[string]uint64) map[string]uint64 {
	out := make(map[string]uint64, len(a)+len(b))
	for m, n := range a {
		out[m] = n
	}
	for m, n := range b {
		out[m] = max(out[m], n)
	}
	return out
}

// MergeResult says what Merge did with an incoming record.
type MergeResult string

const (
	MergeAdded       MergeResult = "added"        // new here
	MergeUpdated     MergeResult = "updated"      // the incoming version descends from ours
	MergeUnchanged   MergeResult = "unchanged"    // we already have exactly this version
	MergeKeptLocal   MergeResult = "kept_local"   // ours descends from the incoming one
	MergeConflict    MergeResult = "conflict"     // both changed: both kept, a person decides
	MergeDeletedHere MergeResult = "deleted_here" // we deleted it after this version
)

// Conflict is the data of a conflict record: our version and theirs, kept
// side by side until Resolve.
type Conflict struct {
	Type   string    `json:"type"`
	ID     string    `json:"id"`
	Local  *Record   `json:"local"`
	Remote *Record   `json:"remote"`
	Found  time.Time `json:"found"`
}

// conflictID names the conflict record of type/id.
func conflictID(typ, id string) string { return typ + "." + id }

// Merge brings in a record written elsewhere (its Rev, Machine, Modified and
// Versions as the other vault had them), without ever overwriting a local
// change: a record changed on both sides since their common version becomes
// a conflict that keeps both. Merging the same record twice changes nothing.
func (tx *Tx) Merge(remote *Record) (MergeResult, error) {
	if err := remote.validate(); err != nil {
		return "", err
	}
	if remote.Type == TypeConflict || remote.Type == TypeTombstone || len(remote.Versions) == 0 {
		return "", fmt.Errorf("%w: %s/%s cannot be merged", ErrInvalidRecord, remote.Type, remote.ID)
	}
	local, err := tx.Get(remote.Type, remote.ID)
	if errors.Is(err, ErrNotFound) {
		return tx.mergeNew(remote)
	}
	if err != nil {
		return "", err
	}
	switch CompareVersions(local.Versions, remote.Versions) {
	case Equal:
		return MergeUnchanged, nil
	case Newer:
		return MergeKeptLocal, nil
	case Older:
		return MergeUpdated, tx.storeMerged(remote, local, remote.Versions)
	}
	if jsonEqual(local.Data, remote.Data) {
		return MergeUnchanged, tx.storeMerged(local, local, mergeVersions(local.Versions, remote.Versions))
	}
	return MergeConflict, tx.putConflict(local, remote)
}

// mergeNew adds a record we do not have, unless we deleted a version of it
// at least as new.
func (tx *Tx) mergeNew(remote *Record) (MergeResult, error) {
	if t, err := tx.Get(TypeTombstone, conflictID(remote.Type, remote.ID)); err == nil {
		var dead Record
		if json.Unmarshal(t.Data, &dead) == nil && CompareVersions(dead.Versions, remote.Versions) != Older {
			return MergeDeletedHere, nil
		}
	}
	return MergeAdded, tx.storeMerged(remote, nil, remote.Versions)
}

// storeMerged writes src's data with the given version vector over old.
func (tx *Tx) storeMerged(src, old *Record, versions map[string]uint64) error {
	r := src.Clone()
	r.Versions = versions
	r.Rev = 1
	if old != nil {
		r.Rev = old.Rev + 1
	}
	r.Schema = max(r.Schema, 1)
	if err := tx.store(r, old); err != nil {
		return err
	}
	return tx.Audit(ActionImport, r.Type, r.ID, "merged")
}

// putConflict records both versions; the local record stays as it is.
func (tx *Tx) putConflict(local, remote *Record) error {
	data, err := json.Marshal(Conflict{Type: local.Type, ID: local.ID, Local: local, Remote: remote, Found: tx.now})
	if err != nil {
		return err
	}
	c := &Record{Type: TypeConflict, ID: conflictID(local.Type, local.ID), Data: data}
	if old, err := tx.Get(TypeConflict, c.ID); err == nil {
		c.Rev = old.Rev
	}
	return tx.Put(c)
}

// Conflicts returns every unresolved conflict.
func (tx *Tx) Conflicts() ([]Conflict, error) {
	var out []Conflict
	err := tx.List(TypeConflict, func(r *Record) error {
		var c Conflict
		if err := json.Unmarshal(r.Data, &c); err != nil {
			return fmt.Errorf("%w: conflict %s", ErrCorrupt, r.ID)
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// Resolve ends a conflict with the data a person chose (ours, theirs, or a
// field-by-field mix). The result descends from both versions, so it wins over
// both wherever it travels next.
func (tx *Tx) Resolve(typ, id string, data json.RawMessage) error {
	cr, err := tx.Get(TypeConflict, conflictID(typ, id))
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%w: %s/%s", ErrNoConflict, typ, id)
	}
	if err != nil {
		return err
	}
	var c Conflict
	if err := json.Unmarshal(cr.Data, &c); err != nil {
		return fmt.Errorf("%w: conflict %s", ErrCorrupt, cr.ID)
	}
	local, err := tx.Get(typ, id)
	if err != nil {
		return err
	}
	r := local.Clone()
	r.Data = data
	if err := r.validate(); err != nil {
		return err
	}
	r.Versions = mergeVersions(local.Versions, c.Remote.Versions)
	tx.stamp(r, &Record{Rev: local.Rev, Versions: r.Versions})
	if err := tx.store(r, local); err != nil {
		return err
	}
	if err := tx.Delete(TypeConflict, cr.ID); err != nil {
		return err
	}
	return tx.Audit("resolve", typ, id, "")
}

// JSONEqual reports whether two JSON documents are equal by value, as
// Merge compares record data.
func JSONEqual(a, b json.RawMessage) bool { return jsonEqual(a, b) }

// jsonEqual compares two JSON documents by value.
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
