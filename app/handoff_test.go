package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"qingfeng/app/cli"
	"qingfeng/casework"
	"qingfeng/export/handoff"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// withVault opens the closed vault in dir, runs fn in one transaction and
// closes it again.
func withVault(t *testing.T, dir string, fn func(v *store.Vault) error) {
	t.Helper()
	v, err := store.Open(dir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if err := fn(v); err != nil {
		t.Fatal(err)
	}
}

// dialogAt stands in for the file save dialog: like Fyne's, it creates the
// chosen file, empty, before the program writes it.
func dialogAt(t *testing.T, path string) func(string) string {
	return func(string) string {
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
}

// holdWriter holds v's write transaction until the returned func is called.
func holdWriter(t *testing.T, v *store.Vault) func() {
	held, release := make(chan struct{}), make(chan struct{})
	go v.Update(func(*store.Tx) error { close(held); <-release; return nil })
	<-held
	var once sync.Once
	stop := func() { once.Do(func() { close(release) }) }
	t.Cleanup(stop)
	return stop
}

// handoffScreen unlocks h and shows 交接 with its data read.
func handoffScreen(h *harness) *handoffView {
	h.u.sess.main.nav.Select(secHandoff)
	hv := h.u.sess.main.handoff
	h.wait("the 交接 data", func() bool {
		return hv.selfBox != nil && len(hv.selfBox.Objects) > 0 && hv.selfBox.Objects[0] != nil && !h.hasText(tr("dash.loading"))
	})
	return hv
}

// TestHandoffScreenExportImport: vault A makes its key, adds B as a
// contact, exports a ticked case to B through the file dialog with a
// progress bar; B adds A, previews the bundle (nothing changes), sees the
// new records counted, imports, and holds the case.
func TestHandoffScreenExportImport(t *testing.T) {
	dirA, ds := makeModelVault(t, 4, 3)
	dirB := makeVault(t, nil)
	var lineB string
	withVault(t, dirB, func(v *store.Vault) error {
		return v.Update(func(tx *store.Tx) error {
			self, err := handoff.Keygen(tx, "乙方", false)
			if err == nil {
				lineB = self.Contact().String()
			}
			return err
		})
	})
	c := ds.Cases[0]

	hA := newHarness(t, dirA)
	hA.unlock()
	hv := handoffScreen(hA)
	if hv.self != nil || !hA.hasText(tr("handoff.keygen")) {
		t.Fatal("a new vault offers no key generation")
	}
	// Without a key of its own the vault says so before asking for a file.
	asked := false
	hA.u.savePath = func(string) string { asked = true; return filepath.Join(t.TempDir(), "不该写.qfb") }
	hv.choose(c.ID, true)
	hv.mode.SetSelected(tr("handoff.to_pass"))
	hv.pass.SetText("交接口令 2026 春")
	hv.pass2.SetText("交接口令 2026 春")
	test.Tap(hv.exportBtn)
	hA.wait("the refusal", func() bool { return !hv.status.Hidden })
	if hv.status.Text != errText(handoff.ErrNoIdentity) || asked {
		t.Fatalf("export without a key: %q, file dialog shown: %v", hv.status.Text, asked)
	}
	hv.choose(c.ID, false)
	hv.mode.SetSelected(tr("handoff.to_contact"))
	test.Tap(hA.button(tr("handoff.keygen")))
	hA.wait("the key", func() bool { return hv.self != nil })
	hv.addContact(lineB)
	hA.wait("the contact", func() bool { return len(hv.contacts) == 1 })
	if len(hv.cases) != len(ds.Cases) {
		t.Fatalf("%d cases offered, the vault has %d", len(hv.cases), len(ds.Cases))
	}
	// Nothing ticked: one line, no file.
	out := filepath.Join(t.TempDir(), "交接.qfb")
	hA.u.savePath = dialogAt(t, out)
	test.Tap(hv.exportBtn)
	if hv.status.Text != errText(errNoCases) {
		t.Fatalf("export without a case: %q", hv.status.Text)
	}
	hv.choose(c.ID, true)
	hv.contact.SetSelected("乙方")
	test.Tap(hv.exportBtn)
	hA.wait("the export", func() bool { return !hv.exportRes.Hidden || !hv.status.Hidden })
	if !hv.status.Hidden {
		t.Fatalf("export failed: %s", hv.status.Text)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("bundle not written: %v", err)
	}
	if !hv.progress.Hidden || hv.progress.Value != 1 || hv.phase.Text != tr("handoff.phase.hash") {
		t.Fatalf("progress after the export: hidden %v, %v, %q", hv.progress.Hidden, hv.progress.Value, hv.phase.Text)
	}
	// A failure after the file dialog leaves no file, not even the empty
	// one the dialog made: here the contact is removed meanwhile.
	failed := filepath.Join(t.TempDir(), "失败.qfb")
	pick := dialogAt(t, failed)
	hA.u.savePath = func(name string) string {
		if _, err := hv.work().RemoveContact("乙方"); err != nil {
			t.Fatal(err)
		}
		return pick(name)
	}
	test.Tap(hv.exportBtn)
	hA.wait("the failed export", func() bool { return !hv.status.Hidden })
	if !strings.HasPrefix(hv.status.Text, errText(handoff.ErrNoContact)) {
		t.Fatalf("export to a removed contact: %q", hv.status.Text)
	}
	if _, err := os.Stat(failed); !os.IsNotExist(err) {
		t.Fatalf("a failed export left %s (%v)", failed, err)
	}
	hv.contacts = nil
	hv.addContact(lineB)
	hA.wait("the contact again", func() bool { return len(hv.contacts) == 1 })
	hv.contact.SetSelected("乙方")
	// A cancelled export leaves no bundle: the vault's writer is held so
	// that the export waits before its last step, and the cancel comes then.
	out2 := filepath.Join(t.TempDir(), "取消.qfb")
	hA.u.savePath = dialogAt(t, out2)
	release := holdWriter(t, hA.u.sess.vault)
	test.Tap(hv.exportBtn)
	hA.wait("the export to start", func() bool { return !hv.cancelBtn.Hidden && !hv.cancelBtn.Disabled() })
	test.Tap(hv.cancelBtn)
	release()
	hA.wait("the cancelled export", func() bool { return !hv.status.Hidden })
	if hv.status.Text != errText(errExportCancelled) {
		t.Fatalf("cancelled export says %q", hv.status.Text)
	}
	if _, err := os.Stat(out2); !os.IsNotExist(err) {
		t.Fatalf("a cancelled export left %s (%v)", out2, err)
	}
	lineA := hv.self.Contact().String()
	hA.lockAndWait()

	hB := newHarness(t, dirB)
	hB.unlock()
	hb := handoffScreen(hB)
	// An unknown sender is refused in one line naming the window's way out.
	hb.preview(out)
	hB.wait("the refusal", func() bool { return !hb.status.Hidden })
	if !strings.HasPrefix(hb.status.Text, tr("handoff.err.unknown_sender")) || hb.previewRep != nil || !hb.applyBtn.Disabled() {
		t.Fatalf("unknown sender: %q", hb.status.Text)
	}
	hb.addContact(lineA)
	hB.wait("the contact", func() bool { return len(hb.contacts) == 1 })
	hb.preview(out)
	hB.wait("the preview", func() bool { return hb.previewRep != nil || !hb.status.Hidden })
	if hb.previewRep == nil {
		t.Fatalf("preview failed: %s", hb.status.Text)
	}
	added := hb.previewRep.Counts[store.MergeAdded]
	if added == 0 || !hB.hasText(tr("handoff.preview_head")) || hb.applyBtn.Disabled() {
		t.Fatalf("preview: %d new, texts %q", added, hB.texts())
	}
	if n := len(hb.cases); n != 0 {
		t.Fatalf("the preview changed the vault: %d cases", n)
	}
	// The 案件 list, loaded before the import, receives the imported case.
	hB.u.sess.main.nav.Select(secCases)
	cl := hB.u.sess.main.cases
	hB.wait("the case list", func() bool { return cl.loaded })
	hB.u.sess.main.nav.Select(secHandoff)
	test.Tap(hb.applyBtn)
	hB.wait("the import", func() bool { return hb.importedRep != nil || !hb.status.Hidden })
	if hb.importedRep == nil {
		t.Fatalf("import failed: %s", hb.status.Text)
	}
	if hb.importedRep.Counts[store.MergeAdded] != added {
		t.Fatalf("imported %d new records, the preview said %d", hb.importedRep.Counts[store.MergeAdded], added)
	}
	hB.wait("the imported case in both lists", func() bool {
		_, ok := cl.index[model.TypeCase+"/"+c.ID]
		return len(hb.cases) == 1 && ok
	})
	var got *model.Case
	err := hB.u.sess.vault.View(func(tx *store.Tx) (err error) { got, err = dossier.GetCase(tx, c.ID); return err })
	if err != nil || got.Number != c.Number || got.Title != c.Title {
		t.Fatalf("case in B: %+v, %v", got, err)
	}
	hB.lockAndWait()
	for _, secret := range []string{c.Title, c.Number, lineA} {
		if hB.hasText(secret) {
			t.Errorf("%q still on screen after lock", secret)
		}
	}
}

// TestConflictResolverPerField: the same case changed in two vaults gives
// a conflict on import; the resolver shows both versions of each differing
// field, and the record saved takes each field from the side chosen.
func TestConflictResolverPerField(t *testing.T) {
	dirA, ds := makeModelVault(t, 4, 3)
	dirB := makeVault(t, nil)
	c := ds.Cases[0]
	const bundlePass = "交接口令 2026 春"
	bundle := filepath.Join(t.TempDir(), "a.qfb")
	export := func() {
		withVault(t, dirA, func(v *store.Vault) error {
			_, err := handoff.Export(context.Background(), v, bundle, handoff.ExportOptions{Dossiers: []string{c.ID}, Passphrase: bundlePass})
			return err
		})
	}
	importB := func() *handoff.Report {
		var rep *handoff.Report
		withVault(t, dirB, func(v *store.Vault) (err error) {
			rep, err = handoff.Import(context.Background(), v, bundle, handoff.ImportOptions{Passphrase: bundlePass, Trust: true})
			return err
		})
		return rep
	}
	edit := func(dir, title string, involved model.Fen) {
		withVault(t, dir, func(v *store.Vault) error {
			return v.Update(func(tx *store.Tx) error {
				_, err := dossier.EditCase(tx, c.ID, func(x *model.Case) error {
					x.Title, x.Amounts.Involved = title, involved
					return nil
				})
				return err
			})
		})
	}
	withVault(t, dirA, func(v *store.Vault) error {
		return v.Update(func(tx *store.Tx) error { _, err := handoff.Keygen(tx, "甲方", false); return err })
	})
	export()
	importB()
	edit(dirA, "甲方改过的标题", 500000)
	edit(dirB, "乙方改过的标题", 300000)
	export()
	if rep := importB(); rep.Counts[store.MergeConflict] != 1 {
		t.Fatalf("second import: %v conflicts, want 1", rep.Counts)
	}

	h := newHarness(t, dirB)
	h.unlock()
	hv := handoffScreen(h)
	h.wait("the conflict", func() bool { return len(hv.conflicts) == 1 })
	if !h.hasText(tr("handoff.resolve")) {
		t.Fatal("no 处理 button for the conflict")
	}
	test.Tap(h.button(tr("handoff.resolve")))
	r := hv.resolver
	if r == nil {
		t.Fatal("no resolver opened")
	}
	for _, want := range []string{"甲方改过的标题", "乙方改过的标题", "500000", "300000"} {
		if !h.hasText(want) {
			t.Errorf("the resolver does not show %q side by side", want)
		}
	}
	if _, ok := r.radios["title"]; !ok {
		t.Fatalf("no choice for the title; fields %v", r.pick)
	}
	if _, ok := r.radios["amounts"]; !ok {
		t.Fatalf("no choice for the amounts; fields %v", r.pick)
	}
	r.choose("title", handoff.Remote)
	r.choose("amounts", handoff.Local)
	test.Tap(h.button(tr("handoff.save_merge")))
	h.wait("the resolution", func() bool { return r.done || !r.status.Hidden })
	if !r.done {
		t.Fatalf("resolve failed: %s", r.status.Text)
	}
	h.wait("the conflict list", func() bool { return len(hv.conflicts) == 0 })
	var got *model.Case
	var left []store.Conflict
	err := h.u.sess.vault.View(func(tx *store.Tx) (err error) {
		if got, err = dossier.GetCase(tx, c.ID); err != nil {
			return err
		}
		left, err = tx.Conflicts()
		return err
	})
	if err != nil || got.Title != "甲方改过的标题" || got.Amounts.Involved != 300000 || len(left) != 0 {
		t.Fatalf("resolved case: title %q involved %d, %d conflicts left, %v", got.Title, got.Amounts.Involved, len(left), err)
	}
}

// TestHandoffImportParityWithCLI: the same bundle imported through the
// window (preview, then apply) and through handoff import --dry-run and
// handoff import, into two copies of one vault, gives the same records and
// the same import audit entries.
func TestHandoffImportParityWithCLI(t *testing.T) {
	dirA, ds := makeModelVault(t, 4, 3)
	dirB := makeVault(t, nil)
	var lineA, lineB string
	for _, x := range []struct {
		dir  string
		name string
		line *string
	}{{dirA, "甲方", &lineA}, {dirB, "乙方", &lineB}} {
		withVault(t, x.dir, func(v *store.Vault) error {
			self, err := casework.New(v).Keygen(x.name, false)
			if err == nil {
				*x.line = self.Contact().String()
			}
			return err
		})
	}
	withVault(t, dirB, func(v *store.Vault) error { _, err := casework.New(v).AddContact(lineA, ""); return err })
	out := filepath.Join(t.TempDir(), "甲给乙.qfb")
	withVault(t, dirA, func(v *store.Vault) error {
		s := casework.New(v)
		if _, err := s.AddContact(lineB, ""); err != nil {
			return err
		}
		_, err := s.Export(context.Background(), casework.ExportRequest{Dossiers: []string{ds.Cases[0].ID, ds.Cases[1].ID}, To: []string{"乙方"}}, out, nil)
		return err
	})
	cliDir := filepath.Join(t.TempDir(), "vault")
	if err := os.MkdirAll(cliDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(store.Path(dirB), store.Path(cliDir)); err != nil {
		t.Fatal(err)
	}

	// One clock for both, so that records and entries are comparable.
	opts := testOpts()
	opts.Now = func() time.Time { return time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC) }
	h := newHarness(t, dirB)
	h.u.opts = opts
	h.unlock()
	hv := handoffScreen(h)
	hv.preview(out)
	h.wait("the preview", func() bool { return hv.previewRep != nil || !hv.status.Hidden })
	test.Tap(hv.applyBtn)
	h.wait("the import", func() bool { return hv.importedRep != nil || !hv.status.Hidden })
	if hv.importedRep == nil {
		t.Fatalf("import failed: %s", hv.status.Text)
	}
	h.lockAndWait()

	for _, args := range [][]string{{"handoff", "import", out, "--dry-run"}, {"handoff", "import", out}} {
		var stderr bytes.Buffer
		code := cli.Run(append([]string{"--vault", cliDir}, args...), &cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard,
			Stderr: &stderr, Opts: opts, Getenv: func(k string) string { return map[string]string{"QINGFENG_PASSPHRASE": testPass}[k] }})
		if code != 0 {
			t.Fatalf("cli %v: exit %d: %s", args, code, stderr.String())
		}
	}
	winRecs, winAudit := importedState(t, dirB)
	cliRecs, cliAudit := importedState(t, cliDir)
	if winRecs != cliRecs {
		t.Error("the window and the CLI imported different records")
	}
	if winAudit != cliAudit || !strings.Contains(winAudit, "import bundle/") {
		t.Errorf("import audit entries differ:\nwindow %s\ncli    %s", winAudit, cliAudit)
	}
}

// importedState is a vault's records digest and its import audit entries
// (time, action, record, actor, detail).
func importedState(t *testing.T, dir string) (string, string) {
	t.Helper()
	var digest []byte
	var audit strings.Builder
	withVault(t, dir, func(v *store.Vault) (err error) {
		if digest, err = v.RecordsDigest(); err != nil {
			return err
		}
		return v.View(func(tx *store.Tx) error {
			return tx.AuditEntries(func(e *store.AuditEntry) error {
				if e.Action == store.ActionImport {
					fmt.Fprintf(&audit, "%s %s %s/%s %s %s\n", e.Time, e.Action, e.Type, e.ID, e.Actor, e.Detail)
				}
				return nil
			})
		})
	})
	return string(digest), audit.String()
}
