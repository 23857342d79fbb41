package casework

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"qingfeng/store"
)

// TestCheckRepair: a clean vault checks OK; with repair the index is
// rebuilt first and the rebuild is in the trail.
func TestCheckRepair(t *testing.T) {
	s := recService(t)
	if _, err := s.AddDossier([]byte(`{"title":"校验"}`)); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check(false)
	if err != nil || !rep.OK() || rep.Records == 0 {
		t.Fatalf("check: %+v %v", rep, err)
	}
	if rep, err = s.Check(true); err != nil || !rep.OK() {
		t.Fatalf("check --repair: %+v %v", rep, err)
	}
	recWant(t, recLastAudit(t, s), "reindex", "", "", "")
	if res, err := s.Search("校验", 0); err != nil || res.Total != 1 {
		t.Errorf("search after the rebuild: %+v %v", res, err)
	}
}

// TestBackupRestore backs up through atomicfile (audited, nothing but the
// file in its folder), restores it over a changed vault, and refuses a
// damaged backup without touching the vault.
func TestBackupRestore(t *testing.T) {
	p := store.FastKDF()
	dir := filepath.Join(t.TempDir(), "vault")
	pass := []byte("qingfeng-test-2026")
	opts := &store.Options{KDF: &p, Actor: "测试员"}
	v, _, err := store.Create(dir, pass, opts)
	if err != nil {
		t.Fatal(err)
	}
	s := New(v)
	r, err := s.AddDossier([]byte(`{"title":"备份前"}`))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	bak := filepath.Join(out, "b.qfbak")
	if err := s.Backup(bak); err != nil {
		t.Fatal(err)
	}
	recWant(t, recLastAudit(t, s), store.ActionBackup, "", "", "")
	if names := recDir(t, out); names != "b.qfbak" {
		t.Errorf("backup folder holds %s", names)
	}
	if err := s.Backup(filepath.Join(out, "no", "b.qfbak")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup into a missing folder: %v", err)
	}
	if err := s.DeleteDossier(r.ID); err != nil {
		t.Fatal(err)
	}
	v.Close()

	rep, err := Restore(dir, bak, pass, opts)
	if err != nil || !rep.OK() {
		t.Fatalf("restore: %+v %v", rep, err)
	}
	if v, err = store.Open(dir, pass, opts); err != nil {
		t.Fatal(err)
	}
	s = New(v)
	if got, err := s.ShowRecord(TypeDossier, r.ID); err != nil || string(got.Data) != `{"title":"备份前"}` {
		t.Fatalf("after restore: %v", err)
	}
	trail, _ := s.AuditTrail(t.Context())
	if trail[len(trail)-3].Action != store.ActionRestore {
		t.Errorf("no restore entry before the unlock and view: %+v", trail[len(trail)-3:])
	}
	v.Close()

	os.WriteFile(bak, []byte("QFBACKUP1\ngarbage"), 0o600)
	live, _ := os.ReadFile(store.Path(dir))
	if _, err := Restore(dir, bak, pass, opts); !errors.Is(err, store.ErrBadBackup) {
		t.Errorf("damaged backup: %v", err)
	}
	if now, _ := os.ReadFile(store.Path(dir)); !bytes.Equal(now, live) {
		t.Error("a refused restore changed the vault")
	}
}
