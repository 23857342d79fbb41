package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestRecordEditDeleteAndRevisions(t *testing.T) {
	v := newVault(t)
	r := put(t, v, "dossier", map[string]any{"title": "初稿"})
	stale := r.Clone()

	r.Data = json.RawMessage(`{"title":"第二稿"}`)
	if err := v.Update(func(tx *Tx) error { return tx.Put(r) }); err != nil {
		t.Fatal(err)
	}
	if r.Rev != 2 || r.Versions[v.Machine()] != 2 {
		t.Fatalf("rev %d versions %v", r.Rev, r.Versions)
	}
	stale.Data = json.RawMessage(`{"title":"过期的修改"}`)
	err := v.Update(func(tx *Tx) error { return tx.Put(stale) })
	if !errors.Is(err, ErrRevisionMismatch) {
		t.Fatalf("stale edit: %v", err)
	}
	if got := get(t, v, "dossier", r.ID); !strings.Contains(string(got.Data), "第二稿") {
		t.Fatalf("stale edit overwrote: %s", got.Data)
	}
	if err := v.Update(func(tx *Tx) error { return tx.Delete("dossier", r.ID) }); err != nil {
		t.Fatal(err)
	}
	err = v.View(func(tx *Tx) error { _, err := tx.Get("dossier", r.ID); return err })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted record: %v", err)
	}
	if ids := search(t, v, "第二稿"); len(ids) != 0 {
		t.Fatalf("deleted record still found: %v", ids)
	}
}

func TestInvalidRecordsRefused(t *testing.T) {
	v := newVault(t)
	for _, r := range []*Record{
		{Type: "", Data: json.RawMessage(`{}`)},
		{Type: "a/b", Data: json.RawMessage(`{}`)},
		{Type: "dossier", Data: json.RawMessage(`[1,2]`)},
		{Type: "dossier", Data: json.RawMessage(`{"a":`)},
		{Type: "dossier", ID: "x\x00y", Data: json.RawMessage(`{}`)},
	} {
		err := v.Update(func(tx *Tx) error { return tx.Put(r) })
		if !errors.Is(err, ErrInvalidRecord) {
			t.Errorf("%+v: got %v", r, err)
		}
	}
	var n int
	v.View(func(tx *Tx) error { n = tx.Count(""); return nil })
	if n != 0 {
		t.Fatalf("%d records stored from invalid input", n)
	}
}

func TestFailedTransactionKeepsNothing(t *testing.T) {
	v := newVault(t)
	boom := errors.New("boom")
	err := v.Update(func(tx *Tx) error {
		if err := tx.Put(&Record{Type: "dossier", Data: json.RawMessage(`{"title":"不应保存"}`)}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if ids := search(t, v, "保存"); len(ids) != 0 {
		t.Fatalf("rolled-back record indexed: %v", ids)
	}
}

func TestListAndCount(t *testing.T) {
	v := newVault(t)
	for i := 0; i < 5; i++ {
		put(t, v, "lead", map[string]any{"i": i})
	}
	put(t, v, "case", map[string]any{"x": 1})
	v.View(func(tx *Tx) error {
		if n := tx.Count("lead"); n != 5 {
			t.Errorf("count lead %d", n)
		}
		n := 0
		tx.List("lead", func(r *Record) error { n++; return nil })
		if n != 5 {
			t.Errorf("list lead %d", n)
		}
		return nil
	})
}
