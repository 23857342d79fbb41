package store

import (
	"encoding/json"
	"testing"
	"time"
)

var testPass = []byte("correct horse battery")

// testOpts returns fast, deterministic-enough options for tests.
func testOpts() *Options {
	p := FastKDF()
	return &Options{Actor: "测试员", KDF: &p, Sleep: func(time.Duration) {}}
}

// newVault creates a real vault in a temp dir. At cleanup it checks the vault
// (every record, index entry and audit link) and closes it.
func newVault(t testing.TB) *Vault {
	t.Helper()
	v, _, err := Create(t.TempDir(), testPass, testOpts())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() {
		if v.k != nil {
			mustCheck(t, v)
		}
		v.Close()
	})
	return v
}

func mustCheck(t testing.TB, v *Vault) {
	t.Helper()
	if rep := v.Check(); !rep.OK() {
		t.Fatalf("check found problems: %+v", rep.Problems)
	}
}

// put stores a new record with the given JSON data and returns it.
func put(t testing.TB, v *Vault, typ string, data any) *Record {
	t.Helper()
	b, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	r := &Record{Type: typ, Data: b}
	if err := v.Update(func(tx *Tx) error { return tx.Put(r) }); err != nil {
		t.Fatalf("Put: %v", err)
	}
	return r
}

func get(t testing.TB, v *Vault, typ, id string) *Record {
	t.Helper()
	var r *Record
	if err := v.View(func(tx *Tx) error {
		var err error
		r, err = tx.Get(typ, id)
		return err
	}); err != nil {
		t.Fatalf("Get: %v", err)
	}
	return r
}

func search(t testing.TB, v *Vault, q string) []string {
	t.Helper()
	var ids []string
	if err := v.View(func(tx *Tx) error {
		res, err := tx.Search(q, 0)
		if err != nil {
			return err
		}
		for _, r := range res.Records {
			ids = append(ids, r.ID)
		}
		if res.Total != len(res.Records) {
			t.Errorf("total %d != %d records", res.Total, len(res.Records))
		}
		return nil
	}); err != nil {
		t.Fatalf("Search: %v", err)
	}
	return ids
}
