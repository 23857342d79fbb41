package handoff

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"qingfeng/store"
	"qingfeng/store/model"
)

// vaultState is what a dry run must leave as it was: a digest of every
// record, and the audit trail's length and last hash (its head).
func vaultState(t testing.TB, v *store.Vault) string {
	t.Helper()
	n, head := 0, ""
	mustView(t, v, func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error { n++; head = hex.EncodeToString(e.Hash()); return nil })
	})
	return hex.EncodeToString(digest(t, v)) + "/" + head + "/" + itoa(n)
}

// previewThenImport runs the dry run of path in v, checks that it changed
// nothing, imports for real, and checks that the dry run's report is the
// import's. It returns the import's report.
func previewThenImport(t *testing.T, v *store.Vault, path string, opts ImportOptions) *Report {
	t.Helper()
	before := vaultState(t, v)
	pre, err := Preview(context.Background(), v, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if vaultState(t, v) != before {
		t.Fatal("the dry run changed the records or the audit trail")
	}
	got, err := Import(context.Background(), v, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !pre.DryRun || got.DryRun {
		t.Fatalf("DryRun: preview %v, import %v", pre.DryRun, got.DryRun)
	}
	pre.DryRun = false
	pj, _ := json.Marshal(pre)
	gj, _ := json.Marshal(got)
	if !bytes.Equal(pj, gj) {
		t.Fatalf("dry run %s\nimport  %s", pj, gj)
	}
	return got
}

// TestDryRunIsTheImport: on bundles that bring new records and
// attachments, changes, a conflict, records and an attachment deleted
// here, a trusted stranger, and the same bundle again, the dry run's
// report equals the import's in every field, and the dry run changes
// nothing (records, audit head).
func TestDryRunIsTheImport(t *testing.T) {
	a, b, c := newVault(t, "甲"), newVault(t, "乙"), newVault(t, "丙")
	introduce(t, a, b)
	f := seedCase(t, a)
	first := send(t, a, "乙", f.caseID)
	rep := previewThenImport(t, b, first, ImportOptions{})
	if rep.Counts[store.MergeAdded] == 0 || rep.ContentWritten != 3 || rep.ContentBytes == 0 || rep.AuditImported == 0 {
		t.Fatalf("first bundle: %+v", rep)
	}

	// a changes the case and the lead and adds an attachment; b changes the
	// case too and deletes the tracked item and an attachment.
	editCase(t, a, f.caseID, "甲方改的标题")
	editLead(t, a, f.leadID, "（甲补充）")
	addAttachment(t, a, "补充材料.txt", "case/"+f.caseID, []byte("补充：䶮"))
	editCase(t, b, f.caseID, "乙方改的标题")
	mustUpdate(t, b, func(tx *store.Tx) error { return tx.Delete(model.TypeTrackedItem, f.itemID) })
	mustUpdate(t, b, func(tx *store.Tx) error { return tx.Delete(store.TypeAttachment, f.small) })
	second := send(t, a, "乙", f.caseID)
	rep = previewThenImport(t, b, second, ImportOptions{})
	want := map[store.MergeResult]int{store.MergeConflict: 1, store.MergeUpdated: 1, store.MergeDeletedHere: 2, store.MergeAdded: 1}
	for res, n := range want {
		if rep.Counts[res] != n {
			t.Fatalf("second bundle: %v, want %v", rep.Counts, want)
		}
	}
	if rep.ContentWritten != 1 || rep.ContentPresent != 2 {
		t.Fatalf("second bundle content: %d written, %d present", rep.ContentWritten, rep.ContentPresent)
	}
	// The same bundle again: the conflict stays as it is, nothing is new.
	rep = previewThenImport(t, b, second, ImportOptions{})
	if rep.Counts[store.MergeAdded] != 0 || rep.Counts[store.MergeConflict] != 1 || rep.ContentWritten != 0 || rep.AuditImported != 0 {
		t.Fatalf("the same bundle again: %+v", rep)
	}

	// A stranger, trusted: the dry run says it becomes a contact, and does not add it.
	mustUpdate(t, c, func(tx *store.Tx) error { return AddContact(tx, self(t, b).Contact()) })
	stranger := send(t, c, "乙", bareCase(t, c))
	if rep = previewThenImport(t, b, stranger, ImportOptions{Trust: true}); !rep.NewContact {
		t.Fatal("the trusted stranger is not reported as a new contact")
	}
	var known []string
	mustView(t, b, func(tx *store.Tx) error {
		cs, err := Contacts(tx)
		for _, c := range cs {
			known = append(known, c.Name)
		}
		return err
	})
	if len(known) != 2 {
		t.Fatalf("contacts after the import: %v", known)
	}
}

// editLead appends to a lead's summary in v.
func editLead(t testing.TB, v *store.Vault, id, more string) {
	t.Helper()
	mustUpdate(t, v, func(tx *store.Tx) error {
		r, err := tx.Get(model.TypeLead, id)
		if err != nil {
			return err
		}
		var l map[string]any
		if err := json.Unmarshal(r.Data, &l); err != nil {
			return err
		}
		l["summary"] = l["summary"].(string) + more
		r.Data, _ = json.Marshal(l)
		return tx.Put(r)
	})
}

// TestDryRunWritesNoContent: a dry run of a bundle with attachments
// leaves no chunk behind, and a refused dry run is not audited.
func TestDryRunWritesNoContent(t *testing.T) {
	w := newBadWorld(t)
	before := vaultState(t, w.b)
	if _, err := Preview(context.Background(), w.b, w.good, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	w.checkNoTrace(t, "dry run")
	if _, err := Preview(context.Background(), w.b, filepath.Join(w.dir, "missing.qfb"), ImportOptions{}); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("dry run of a missing file: %v", err)
	}
	if vaultState(t, w.b) != before {
		t.Fatal("dry runs changed the vault")
	}
}

// TestImportCancelled: an import cancelled before its transaction changes
// no record, leaves no content and says why.
func TestImportCancelled(t *testing.T) {
	w := newBadWorld(t)
	before := digest(t, w.b)
	ctx, cancel := context.WithCancel(context.Background())
	opts := ImportOptions{Progress: func(p Phase, done, total int64) {
		if p == PhaseContent && done > 0 {
			cancel()
		}
	}}
	if _, err := Import(ctx, w.b, w.good, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v", err)
	}
	if !bytes.Equal(before, digest(t, w.b)) {
		t.Fatal("a cancelled import changed records")
	}
	w.checkNoTrace(t, "cancelled")
}
