package app

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"qingfeng/app/cli"
	"qingfeng/casework"
	"qingfeng/store"
	"qingfeng/store/model"
)

// TestRecordsParityWithCLI does the same work in the window and with the
// command line on a copy of one vault — open a dossier, search, save a
// plaintext copy of an attachment to the same path — and finds the same
// audit entries, the same copy and the same records in both.
func TestRecordsParityWithCLI(t *testing.T) {
	dir, ds := makeModelVault(t, 5, 30)
	c := pickCase(t, ds, model.StageInvestigate)
	dossierID, attID := parityFixture(t, dir, c.ID)
	cliDir := filepath.Join(t.TempDir(), "vault")
	if err := os.MkdirAll(cliDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(store.Path(dir), store.Path(cliDir)); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	copyPath := filepath.Join(out, "证言.txt")

	h := newHarness(t, dir)
	h.unlock()
	h.u.savePath = func(name string) string { return filepath.Join(out, name) }
	l := h.openCases()
	l.openRecord(casework.TypeDossier, dossierID)
	h.wait("the dossier tab", func() bool { return len(l.tabs.Items) == 2 })
	test.Type(l.search, "对照标记")
	h.wait("the search result", func() bool { return len(l.view) == 1 })
	tab := h.openCase(c.ID)
	tab.tabs.SelectIndex(caseSecAttach)
	test.Tap(h.button(tr("att.save_copy")))
	h.confirmDialog("Yes")
	h.wait("the copy", func() bool { _, err := os.Stat(copyPath); return err == nil })
	h.settle(5 * h.u.debounce)
	winCopy, _ := os.ReadFile(copyPath)
	winAudit, winDigest := parityRecords(t, h.u.sess.vault)
	os.Remove(copyPath)

	for _, args := range [][]string{
		{"dossier", "show", dossierID}, {"search", "对照标记"}, {"attach", "get", attID, "--out", copyPath, "--yes"},
	} {
		var stderr bytes.Buffer
		code := cli.Run(append([]string{"--vault", cliDir}, args...), &cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr,
			Opts: testOpts(), Getenv: func(k string) string { return map[string]string{"QINGFENG_PASSPHRASE": testPass}[k] }})
		if code != 0 {
			t.Fatalf("cli %v: exit %d: %s", args, code, stderr.String())
		}
	}
	cliCopy, _ := os.ReadFile(copyPath)
	v, err := store.Open(cliDir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	cliAudit, cliDigest := parityRecords(t, v)

	if len(winCopy) == 0 || !bytes.Equal(winCopy, cliCopy) {
		t.Errorf("copies differ: window %d bytes, cli %d bytes", len(winCopy), len(cliCopy))
	}
	if len(winAudit) != 3 || !slices.Equal(winAudit, cliAudit) {
		t.Errorf("audit entries differ:\nwindow %q\ncli    %q", winAudit, cliAudit)
	}
	if !bytes.Equal(winDigest, cliDigest) {
		t.Errorf("the records differ")
	}
}

// parityFixture adds a dossier with a marker title and a text attachment
// of case caseID to the vault in dir, and returns their ids.
func parityFixture(t *testing.T, dir, caseID string) (dossierID, attID string) {
	t.Helper()
	v, err := store.Open(dir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	s := casework.New(v)
	d, err := s.AddDossier([]byte(`{"title":"关于对照标记案卷的说明"}`))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "证言.txt")
	os.WriteFile(src, []byte("证人证言：某某于二〇二五年收受购物卡"), 0o600)
	a, err := s.AddAttachment(model.TypeCase+"/"+caseID, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d.ID, a.ID
}

// parityRecords returns the view-of-a-dossier, search and plaintext-copy
// audit entries as "actor action type/id detail", and the records digest.
func parityRecords(t *testing.T, v *store.Vault) ([]string, []byte) {
	t.Helper()
	lines, err := casework.New(v).AuditTrail(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range lines {
		if l.Action == store.ActionSearch || l.Action == store.ActionSaveCopy || l.Action == store.ActionView && l.Type == casework.TypeDossier {
			out = append(out, l.Actor+" "+l.Action+" "+l.Type+"/"+l.ID+" "+l.Detail)
		}
	}
	d, err := v.RecordsDigest()
	if err != nil {
		t.Fatal(err)
	}
	return out, d
}
