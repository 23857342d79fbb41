package handoff

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/store"
)

// exportAudit returns the details of v's export audit entries.
func exportAudit(t testing.TB, v *store.Vault) []string {
	t.Helper()
	var out []string
	mustView(t, v, func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.Action == store.ActionExport {
				out = append(out, e.Type+"/"+e.ID+" "+e.Detail)
			}
			return nil
		})
	})
	return out
}

// TestExportCancelledLeavesNothing: an export cancelled mid-write leaves
// no file (and an old file at the path untouched), no temporary file, and
// one audit entry saying so; no export entry names the dossier.
func TestExportCancelledLeavesNothing(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	dir := t.TempDir()
	path := filepath.Join(dir, "交接.qfb")
	writeFile(t, path, []byte("旧文件"))
	ctx, cancel := context.WithCancel(context.Background())
	opts := ExportOptions{Dossiers: []string{f.caseID}, To: []string{"乙"}, Progress: func(p Phase, done, total int64) {
		if p == PhaseWrite && done > 0 {
			cancel()
		}
	}}
	if _, err := Export(ctx, a, path, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	names, _ := os.ReadDir(dir)
	if got, _ := os.ReadFile(path); len(names) != 1 || string(got) != "旧文件" {
		t.Fatalf("after the cancel the folder holds %v, the path %q", names, got)
	}
	audit := exportAudit(t, a)
	if len(audit) != 1 || !strings.Contains(audit[0], "bundle/ cancelled, nothing written: "+path) {
		t.Fatalf("audit after the cancel: %q", audit)
	}
	// Cancelled after the last pass, before the audit transaction: still
	// nothing at the path, and no export entry.
	ctx, cancel = context.WithCancel(context.Background())
	opts.Progress = func(p Phase, done, total int64) {
		if p == PhaseHash && done == total {
			cancel()
		}
	}
	if _, err := Export(ctx, a, path, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("export cancelled before its commit: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "旧文件" {
		t.Fatalf("the path holds %q", got)
	}
	if audit := exportAudit(t, a); len(audit) != 2 || strings.HasPrefix(audit[1], "case/") {
		t.Fatalf("audit after the late cancel: %q", audit)
	}
}

// TestExportChecksFirst: CheckExport refuses what Export would, before
// any file exists; a refused export creates none and audits nothing.
func TestExportChecksFirst(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	nokey := newVault(t, "丙")
	mustUpdate(t, nokey, func(tx *store.Tx) error { return tx.Delete(TypeIdentity, IdentityID) })
	path := filepath.Join(t.TempDir(), "x.qfb")
	for _, c := range []struct {
		name string
		v    *store.Vault
		opts ExportOptions
		want error
	}{
		{"no dossier", a, ExportOptions{To: []string{"乙"}}, ErrRecipients},
		{"contact and passphrase", a, ExportOptions{Dossiers: []string{f.caseID}, To: []string{"乙"}, Passphrase: "口令口令口令口令"}, ErrRecipients},
		{"unknown contact", a, ExportOptions{Dossiers: []string{f.caseID}, To: []string{"丁"}}, ErrNoContact},
		{"missing case", a, ExportOptions{Dossiers: []string{"nosuch"}, To: []string{"乙"}}, ErrNoDossier},
		{"no key", nokey, ExportOptions{Dossiers: []string{"nosuch"}, Passphrase: "口令口令口令口令"}, ErrNoIdentity},
	} {
		if err := c.v.View(func(tx *store.Tx) error { return CheckExport(tx, c.opts) }); !errors.Is(err, c.want) {
			t.Errorf("%s: CheckExport gave %v, want %v", c.name, err, c.want)
		}
		if _, err := Export(context.Background(), c.v, path, c.opts); !errors.Is(err, c.want) {
			t.Errorf("%s: Export gave %v, want %v", c.name, err, c.want)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Fatalf("%s: a refused export left a file", c.name)
		}
		if n := len(exportAudit(t, c.v)); n != 0 {
			t.Fatalf("%s: %d export entries", c.name, n)
		}
	}
	ok := ExportOptions{Dossiers: []string{f.caseID}, To: []string{"乙"}}
	if err := a.View(func(tx *store.Tx) error { return CheckExport(tx, ok) }); err != nil {
		t.Fatal(err)
	}
	res, err := Export(context.Background(), a, path, ok)
	if err != nil {
		t.Fatal(err)
	}
	audit := exportAudit(t, a)
	if len(audit) != 1 || !strings.Contains(audit[0], res.SHA256) || !strings.HasPrefix(audit[0], "case/"+f.caseID) {
		t.Fatalf("export audit: %q", audit)
	}
}
