package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// trailHead returns the audit head and the number of audit entries.
func trailHead(t *testing.T, v *Vault) (auditHead, int) {
	t.Helper()
	var h auditHead
	n := 0
	err := v.View(func(tx *Tx) (err error) {
		if h, err = tx.readAuditHead(); err != nil {
			return err
		}
		return tx.AuditEntries(func(*AuditEntry) error { n++; return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return h, n
}

// state is everything a dry run must leave as it was: every record, the
// audit head and the number of audit entries.
func state(t *testing.T, v *Vault) string {
	t.Helper()
	d, err := v.RecordsDigest()
	if err != nil {
		t.Fatal(err)
	}
	h, n := trailHead(t, v)
	b, _ := json.Marshal(h)
	return string(d) + string(b) + strings.Repeat("|", n)
}

// TestDryRunKeepsNothing: inside a dry run every kind of write is seen by
// the transaction itself (records, a deletion's tombstone, a merge, the
// index, the audit trail); afterwards the vault holds exactly what it held.
func TestDryRunKeepsNothing(t *testing.T) {
	v := newVault(t)
	keep := put(t, v, "case", map[string]any{"title": "关于王䶮问题的初核"})
	gone := put(t, v, "case", map[string]any{"title": "将被删除的吉𠮷喆案"})
	before := state(t, v)
	_, entries := trailHead(t, v)
	remote := gone.Clone()
	remote.ID = "remote1"
	remote.Versions = map[string]uint64{"othermachine0001": 3}
	var fresh *Record
	err := v.DryRun(func(tx *Tx) error {
		fresh = &Record{Type: "case", Data: json.RawMessage(`{"title":"试运行新增的䶮字案"}`)}
		if err := tx.Put(fresh); err != nil {
			return err
		}
		if err := tx.Delete("case", gone.ID); err != nil {
			return err
		}
		if res, err := tx.Merge(remote); err != nil || res != MergeAdded {
			t.Errorf("merge in a dry run: %v %v", res, err)
		}
		if _, err := tx.Get(TypeTombstone, conflictID("case", gone.ID)); err != nil {
			t.Errorf("no tombstone inside the dry run: %v", err)
		}
		res, err := tx.Search("䶮字", 10)
		if err != nil || res.Total != 1 || res.Records[0].ID != fresh.ID {
			t.Errorf("search inside the dry run: %+v %v", res, err)
		}
		n := 0
		if err := tx.AuditEntries(func(*AuditEntry) error { n++; return nil }); err != nil || n <= entries {
			t.Errorf("audit inside the dry run: %d entries, %d before (%v)", n, entries, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := state(t, v); after != before {
		t.Fatal("the dry run changed the records or the audit trail")
	}
	for _, id := range []string{fresh.ID, remote.ID} {
		if err := v.View(func(tx *Tx) error { _, err := tx.Get("case", id); return err }); !errors.Is(err, ErrNotFound) {
			t.Errorf("case %s after the dry run: %v", id, err)
		}
	}
	if r := get(t, v, "case", gone.ID); !bytes.Equal(r.Data, gone.Data) || get(t, v, "case", keep.ID) == nil {
		t.Error("a deleted record is gone after the dry run")
	}
	var found int
	err = v.View(func(tx *Tx) error {
		res, err := tx.Search("䶮字", 10)
		if res != nil {
			found = res.Total
		}
		return err
	})
	if err != nil || found != 0 {
		t.Fatalf("the index kept the dry run's record: %d hits, %v", found, err)
	}
	// A real Update afterwards numbers its record as if no dry run had been.
	next := put(t, v, "case", map[string]any{"title": "真正新增"})
	if next.Doc != gone.Doc+1 {
		t.Errorf("index number %d after a dry run, want %d", next.Doc, gone.Doc+1)
	}
}

// TestDryRunReturnsError: fn's error comes back, and nothing is kept.
func TestDryRunReturnsError(t *testing.T) {
	v := newVault(t)
	put(t, v, "case", map[string]any{"title": "原有"})
	before := state(t, v)
	boom := errors.New("boom")
	err := v.DryRun(func(tx *Tx) error {
		if err := tx.Put(&Record{Type: "case", Data: json.RawMessage(`{"title":"x"}`)}); err != nil {
			return err
		}
		return boom
	})
	if err != boom {
		t.Fatalf("DryRun returned %v, want fn's error", err)
	}
	if state(t, v) != before {
		t.Fatal("a failed dry run changed the vault")
	}
	v.Close()
	if err := v.DryRun(func(*Tx) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Fatalf("dry run on a locked vault: %v", err)
	}
}
