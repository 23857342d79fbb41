package app

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"qingfeng/app/cli"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// TestDocParityWithCLI: saving a 立案决定书 about the case's second subject
// in the window, and `doc render --subject` with the same date and time on
// a copy of the same vault, give byte-identical PDFs, the same register
// entry (but for its random id and the wall-clock print time) and the same
// print audit entry.
func TestDocParityWithCLI(t *testing.T) {
	dir, ds := makeModelVault(t, 5, 30)
	cliDir := filepath.Join(t.TempDir(), "vault")
	if err := os.MkdirAll(cliDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(store.Path(dir), store.Path(cliDir)); err != nil {
		t.Fatal(err)
	}
	var c *model.Case
	for i := range ds.Cases {
		if k := &ds.Cases[i]; c == nil && k.Kind == model.KindInvestigation && !k.FiledOn().IsZero() && len(k.SubjectIDs) > 1 {
			c = k
		}
	}
	if c == nil {
		t.Fatal("no filed case with two subjects")
	}
	subject, tmpl := c.SubjectIDs[1], "立案决定书"

	h := newHarness(t, dir)
	now := modelToday.Time().Add(10 * time.Hour)
	h.u.now = func() time.Time { return now }
	h.unlock()
	out := t.TempDir()
	h.u.savePath = func(name string) string { return filepath.Join(out, name) }
	tab := h.openCase(c.ID)
	tab.tabs.SelectIndex(caseSecDocs)
	docs := tab.docs
	if docs.subjects == nil || len(docs.subjects.Options) != len(c.SubjectIDs) {
		t.Fatalf("no subject choice for a case with %d subjects", len(c.SubjectIDs))
	}
	docs.subjects.SetSelected(docs.subjects.Options[1])
	docs.pick.SetSelected(tmpl)
	h.wait("the preview", func() bool { return len(docs.images) > 0 || docs.status.Visible() })
	test.Tap(h.button(tr("doc.save_pdf")))
	h.wait("the saved PDF", func() bool { return docs.last != nil || docs.status.Text != "" })
	if docs.last == nil {
		t.Fatalf("not saved: %q", docs.status.Text)
	}
	winPDF, _ := os.ReadFile(filepath.Join(out, tmpl+".pdf"))
	winReg, winAudit := docRecords(t, h.u.sess.vault)

	cliOut := filepath.Join(t.TempDir(), "cli.pdf")
	var stderr bytes.Buffer
	code := cli.Run([]string{"--vault", cliDir, "doc", "render", "--dossier", c.ID, "--subject", subject, "--template", tmpl,
		"--out", cliOut, "--date", modelToday.String(), "--fixed-time", now.Format(time.RFC3339Nano)},
		&cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Opts: testOpts(),
			Getenv: func(k string) string { return map[string]string{"QINGFENG_PASSPHRASE": testPass}[k] }})
	if code != 0 {
		t.Fatalf("cli: exit %d: %s", code, stderr.String())
	}
	cliPDF, _ := os.ReadFile(cliOut)
	v, err := store.Open(cliDir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	cliReg, cliAudit := docRecords(t, v)

	if len(winPDF) == 0 || !bytes.Equal(winPDF, cliPDF) {
		t.Errorf("the PDFs differ (%d and %d bytes)", len(winPDF), len(cliPDF))
	}
	if winReg != cliReg || !strings.Contains(winReg, `"subject_id":"`+subject+`"`) {
		t.Errorf("register entries differ:\nwindow %s\ncli    %s", winReg, cliReg)
	}
	if winAudit != cliAudit || winAudit == "" {
		t.Errorf("print audit entries differ:\nwindow %s\ncli    %s", winAudit, cliAudit)
	}
}

// docRecords returns a vault's document register as JSON, without the
// entries' random ids and the copies' print times, and its print audit
// entries as actor, type and detail lines.
func docRecords(t *testing.T, v *store.Vault) (reg, audit string) {
	t.Helper()
	var es []dossier.RegisterEntry
	var lines []string
	err := v.View(func(tx *store.Tx) (err error) {
		if es, err = dossier.RegisterEntries(tx, ""); err != nil {
			return err
		}
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.Action == store.ActionPrint {
				lines = append(lines, e.Actor+" "+e.Type+" "+e.Detail)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range es {
		es[i].ID = ""
		for j := range es[i].Copies {
			es[i].Copies[j].Printed = time.Time{}
		}
	}
	b, _ := json.Marshal(es)
	return string(b), strings.Join(lines, "\n")
}
