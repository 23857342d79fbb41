package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	bolt "go.etcd.io/bbolt"

	"qingfeng/store"
)

// openAudit shows 审计日志 and waits for the trail.
func (h *harness) openAudit() *auditView {
	h.t.Helper()
	m := h.u.sess.main
	m.nav.Select(secAudit)
	h.wait("the audit trail", func() bool { return m.audit != nil && len(m.audit.rows) > 0 })
	return m.audit
}

// TestAuditListFiltersAndVerifies lists the trail newest first, filters it
// by action and by text, and verifies an intact chain.
func TestAuditListFiltersAndVerifies(t *testing.T) {
	h := newHarness(t, makeVault(t, someDossiers(3)))
	h.unlock()
	a := h.openAudit()
	// create_vault, 3 creates, unlock
	if len(a.rows) != 5 || a.rows[0].action != store.ActionUnlock || a.rows[4].action != store.ActionCreateVault {
		t.Fatalf("trail = %+v", a.rows)
	}
	if !h.hasText(tr("audit.action.create_vault")) || !h.hasText("测试员") {
		t.Errorf("trail not drawn: %q", h.texts())
	}
	a.actions.SetSelected(actionLabel(store.ActionCreate))
	if len(a.view) != 3 {
		t.Errorf("filter 'create' shows %d rows, want 3", len(a.view))
	}
	a.actions.SetSelectedIndex(0)
	test.Type(a.filter, a.rows[1].record)
	if len(a.view) != 1 || a.rows[a.view[0]].record != a.rows[1].record {
		t.Errorf("text filter shows %d rows", len(a.view))
	}

	l := h.openCases() // open a dossier, then reload the trail

	l.openRecord("dossier", l.rows[0].id)
	h.wait("the dossier tab", func() bool { return len(l.tabs.Items) == 2 })
	h.u.sess.main.nav.Select(secAudit)
	test.Tap(h.button(tr("audit.reload")))
	h.wait("the reloaded trail", func() bool { return len(a.rows) == 6 })
	if a.rows[0].action != store.ActionView || a.rows[0].record != "dossier/"+l.rows[0].id {
		t.Errorf("newest entry after reload = %+v", a.rows[0])
	}
	if want := l.rows[0].number + " " + l.rows[0].title; a.rows[0].name != want || !strings.HasPrefix(a.rows[0].recordText(), want) {
		t.Errorf("the entry names its record %q (%q), want %q", a.rows[0].name, a.rows[0].recordText(), want)
	}

	test.Tap(h.button(tr("audit.verify")))
	want := trf("audit.intact", map[string]any{"N": 6})
	h.wait("the verdict", func() bool { return a.verdict.Text != "" })
	if a.verdict.Text != want {
		t.Errorf("verdict %q, want %q", a.verdict.Text, want)
	}
}

// TestAuditDetectsBrokenChain removes an entry from the middle of the
// trail in the vault file itself; the verify button then reports it.
func TestAuditDetectsBrokenChain(t *testing.T) {
	dir := makeVault(t, someDossiers(3))
	deleteAuditEntry(t, dir, 2)
	h := newHarness(t, dir)
	h.unlock()
	a := h.openAudit()
	test.Tap(h.button(tr("audit.verify")))
	h.wait("the verdict", func() bool { return a.verdict.Text != "" })
	if !strings.HasPrefix(a.verdict.Text, strings.SplitN(tr("audit.broken"), "：", 2)[0]) {
		t.Errorf("verdict %q does not report a broken chain", a.verdict.Text)
	}
	if a.problems.Text == "" {
		t.Errorf("no problem listed")
	}
}

// deleteAuditEntry removes the n-th entry (1-based) of the audit bucket
// with bbolt directly, as an attacker with the file would.
func deleteAuditEntry(t *testing.T, dir string, n int) {
	t.Helper()
	db, err := bolt.Open(store.Path(dir), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket([]byte("audit")).Cursor()
		k, _ := c.First()
		for i := 1; i < n && k != nil; i++ {
			k, _ = c.Next()
		}
		return c.Delete()
	})
	if err != nil {
		t.Fatal(err)
	}
}
