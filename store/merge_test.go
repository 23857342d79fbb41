package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// twoVaults returns two vaults (two machines) that both hold record r, as
// after a handoff from a to b.
func twoVaults(t *testing.T) (a, b *Vault, r *Record) {
	a, b = newVault(t), newVault(t)
	r = put(t, a, "case", map[string]any{"title": "共同的案卷", "stage": "初核"})
	mustMerge(t, b, r, MergeAdded)
	return a, b, r
}

func mustMerge(t *testing.T, v *Vault, r *Record, want MergeResult) {
	t.Helper()
	var got MergeResult
	err := v.Update(func(tx *Tx) (err error) { got, err = tx.Merge(r.Clone()); return })
	if err != nil || got != want {
		t.Fatalf("merge: %v %v, want %v", got, err, want)
	}
}

func edit(t *testing.T, v *Vault, typ, id, data string) *Record {
	t.Helper()
	r := get(t, v, typ, id)
	r.Data = json.RawMessage(data)
	if err := v.Update(func(tx *Tx) error { return tx.Put(r) }); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestMergeFastForwardAndIdempotent(t *testing.T) {
	a, b, r := twoVaults(t)
	mustMerge(t, b, r, MergeUnchanged) // re-import changes nothing
	newer := edit(t, a, r.Type, r.ID, `{"title":"共同的案卷","stage":"立案"}`)
	mustMerge(t, b, newer, MergeUpdated)
	if got := get(t, b, r.Type, r.ID); !strings.Contains(string(got.Data), "立案") {
		t.Fatal("fast-forward lost")
	}
	mustMerge(t, b, r, MergeKeptLocal) // an older version never overwrites
	if ids := search(t, b, "立案"); len(ids) != 1 {
		t.Fatal("merged record not indexed")
	}
}

func TestMergeConflictKeepsBothUntilResolved(t *testing.T) {
	a, b, r := twoVaults(t)
	theirs := edit(t, a, r.Type, r.ID, `{"title":"共同的案卷","stage":"立案"}`)
	edit(t, b, r.Type, r.ID, `{"title":"共同的案卷（乙机修改）","stage":"初核"}`)
	mustMerge(t, b, theirs, MergeConflict)
	if got := get(t, b, r.Type, r.ID); !strings.Contains(string(got.Data), "乙机修改") {
		t.Fatal("local version overwritten by a conflicting one")
	}
	var cs []Conflict
	b.View(func(tx *Tx) (err error) { cs, err = tx.Conflicts(); return })
	if len(cs) != 1 || !strings.Contains(string(cs[0].Remote.Data), "立案") || !strings.Contains(string(cs[0].Local.Data), "乙机") {
		t.Fatalf("conflict: %+v", cs)
	}
	mustMerge(t, b, theirs, MergeConflict) // again: still one conflict
	b.View(func(tx *Tx) (err error) { cs, err = tx.Conflicts(); return })
	if len(cs) != 1 {
		t.Fatalf("%d conflicts after re-import", len(cs))
	}
	resolved := `{"title":"共同的案卷（乙机修改）","stage":"立案"}`
	if err := b.Update(func(tx *Tx) error { return tx.Resolve(r.Type, r.ID, json.RawMessage(resolved)) }); err != nil {
		t.Fatal(err)
	}
	b.View(func(tx *Tx) (err error) { cs, err = tx.Conflicts(); return })
	if len(cs) != 0 {
		t.Fatal("conflict not cleared")
	}
	// The resolution descends from both sides: it wins when it travels back.
	mustMerge(t, a, get(t, b, r.Type, r.ID), MergeUpdated)
	mustMerge(t, b, theirs, MergeKeptLocal)
	err := b.Update(func(tx *Tx) error { return tx.Resolve(r.Type, r.ID, json.RawMessage(resolved)) })
	if !errors.Is(err, ErrNoConflict) {
		t.Fatalf("resolve without conflict: %v", err)
	}
}

func TestMergeDoesNotResurrectDeleted(t *testing.T) {
	_, b, r := twoVaults(t)
	if err := b.Update(func(tx *Tx) error { return tx.Delete(r.Type, r.ID) }); err != nil {
		t.Fatal(err)
	}
	mustMerge(t, b, r, MergeDeletedHere)
	err := b.View(func(tx *Tx) error { _, err := tx.Get(r.Type, r.ID); return err })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted record came back: %v", err)
	}
}

func TestMergeRefusesBookkeepingAndBadRecords(t *testing.T) {
	v := newVault(t)
	for _, r := range []*Record{
		{Type: TypeConflict, ID: "x", Data: json.RawMessage(`{}`), Versions: map[string]uint64{"m": 1}},
		{Type: "case", ID: "y", Data: json.RawMessage(`{}`)},
		{Type: "case", ID: "z", Data: json.RawMessage(`[]`), Versions: map[string]uint64{"m": 1}},
	} {
		if _, err := mergeOne(v, r); !errors.Is(err, ErrInvalidRecord) {
			t.Errorf("%s/%s: %v", r.Type, r.ID, err)
		}
	}
}

func mergeOne(v *Vault, r *Record) (res MergeResult, err error) {
	err = v.Update(func(tx *Tx) (e error) { res, e = tx.Merge(r); return })
	return
}

func TestCompareVersions(t *testing.T) {
	cases := []struct {
		a, b map[string]uint64
		want Order
	}{
		{map[string]uint64{"x": 1}, map[string]uint64{"x": 1}, Equal},
		{map[string]uint64{"x": 1}, map[string]uint64{"x": 2}, Older},
		{map[string]uint64{"x": 2, "y": 1}, map[string]uint64{"x": 2}, Newer},
		{map[string]uint64{"x": 2}, map[string]uint64{"x": 1, "y": 1}, Concurrent},
		{nil, map[string]uint64{"y": 1}, Older},
	}
	for _, c := range cases {
		if got := CompareVersions(c.a, c.b); got != c.want {
			t.Errorf("%v vs %v: %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
