package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
)

// TestSearchFilters10k lists 10,000 dossiers and filters them by typing.
func TestSearchFilters10k(t *testing.T) {
	h := newHarness(t, copyOfBigVault(t))
	h.unlock()
	l := h.openCases()
	if r, c := l.table.Length(); r != bigDossiers || c != columnCount {
		t.Fatalf("table has %d×%d cells, want %d×%d", r, c, bigDossiers, columnCount)
	}
	if !h.hasText(trf("list.count", map[string]any{"N": bigDossiers})) {
		t.Errorf("count %q not shown", trf("list.count", map[string]any{"N": bigDossiers}))
	}
	if !h.hasText("QF〔2026〕") {
		t.Errorf("no dossier rows drawn: %q", h.texts())
	}

	start := time.Now()
	test.Type(l.search, "𠮷喆")
	h.wait("the search result", func() bool { return len(l.view) == rareCount() })
	t.Logf("search over %d dossiers: %v to result on screen (debounce %v)", bigDossiers, time.Since(start), h.u.debounce)
	for _, i := range l.view {
		if l.rows[i].subject != "欧阳𠮷喆" {
			t.Fatalf("row %q does not match the search", l.rows[i].title)
		}
	}
	if want := trf("list.found", map[string]any{"N": rareCount()}); l.count.Text != want {
		t.Errorf("count shows %q, want %q", l.count.Text, want)
	}
	h.assertRareShown()

	test.Type(l.search, " 办结") // a second term narrows the result
	h.wait("the narrower result", func() bool { return len(l.view) > 0 && len(l.view) < rareCount() })
	for _, i := range l.view {
		if l.rows[i].stage != "办结" {
			t.Fatalf("row in stage %q survived the term 办结", l.rows[i].stage)
		}
	}

	l.search.SetText("某") // in every dossier: the newest searchLimit are listed
	h.wait("the capped result", func() bool { return len(l.view) == searchLimit })
	if want := trf("list.found_more", map[string]any{"N": searchLimit, "Total": bigDossiers}); l.count.Text != want {
		t.Errorf("count shows %q, want %q", l.count.Text, want)
	}

	l.search.SetText("")
	h.wait("the full list", func() bool { return len(l.view) == bigDossiers })
}

// assertRareShown checks that a cell shows 𠮷 (Fyne draws it from the
// bundled 楷体, see TestRareCharactersFallBackToBundledFont).
func (h *harness) assertRareShown() {
	h.t.Helper()
	for _, c := range find[*textCell](h) {
		if strings.Contains(c.Text(), "𠮷") {
			return
		}
	}
	h.t.Errorf("no cell shows 𠮷")
}

// headerButton returns the list header button of a column.
func (h *harness) headerButton(col int) *widget.Button {
	h.t.Helper()
	for _, b := range find[*widget.Button](h) {
		if b.Text == tr(columnKeys[col]) {
			return b
		}
	}
	h.t.Fatalf("no header for column %d", col)
	return nil
}

// TestSortByColumn taps the 编号 header twice: ascending by number value,
// then descending.
func TestSortByColumn(t *testing.T) {
	h := newHarness(t, makeVault(t, someDossiers(120)))
	h.unlock()
	l := h.openCases()
	numbers := func() []string {
		var out []string
		for _, i := range l.view {
			out = append(out, l.rows[i].number)
		}
		return out
	}
	test.Tap(h.headerButton(colNumber))
	got := numbers()
	if got[0] != "QF〔2026〕0号" || got[9] != "QF〔2026〕9号" || got[10] != "QF〔2026〕10号" || got[119] != "QF〔2026〕119号" {
		t.Errorf("ascending order wrong: %q … %q", got[:12], got[119])
	}
	test.Tap(h.headerButton(colNumber))
	got = numbers()
	if got[0] != "QF〔2026〕119号" || got[119] != "QF〔2026〕0号" {
		t.Errorf("descending order wrong: %q … %q", got[0], got[119])
	}
	test.Tap(h.headerButton(colHandler))
	got = nil
	for _, i := range l.view {
		got = append(got, l.rows[i].handler)
	}
	if !slices.IsSorted(got) {
		t.Errorf("not sorted by 承办人: %q", got)
	}
}

// TestOpenDossierAuditsView opens a dossier from the list: its fields,
// nested ones flattened, and its revision show in a tab, and a "view"
// entry is in the audit trail.
func TestOpenDossierAuditsView(t *testing.T) {
	dir := markedVault(t)
	h := newHarness(t, dir)
	h.unlock()
	l := h.openCases()
	row := slices.IndexFunc(l.view, func(i int32) bool { return strings.Contains(l.rows[i].title, markerASCII) })
	l.table.Select(widget.TableCellID{Row: row, Col: colTitle})
	h.wait("the dossier tab", func() bool { return len(l.tabs.Items) == 2 })
	if l.tabs.Selected() != l.tabs.Items[1] {
		t.Errorf("the new tab is not selected")
	}
	for _, want := range []string{tr("field.summary"), "摘要" + markerHan, tr("field.reporter") + " › " + tr("field.name"),
		"匿名" + markerHan, tr("field.handler"), tr("record.rev"), tr("record.machine")} {
		if !h.hasText(want) {
			t.Errorf("dossier view lacks %q", want)
		}
	}
	id := l.rows[l.view[row]].id
	l.openRecord("dossier", id) // again: the existing tab is reused
	h.settle(20 * time.Millisecond)
	if len(l.tabs.Items) != 2 {
		t.Errorf("opening twice made %d tabs", len(l.tabs.Items))
	}
	l.closeTab(l.listTab)
	l.closeTab(l.tabs.Items[1])
	if len(l.tabs.Items) != 1 || l.tabs.Items[0] != l.listTab {
		t.Errorf("closing tabs left %d (the list tab must stay)", len(l.tabs.Items))
	}
	h.lockAndWait()
	if n := viewEntries(t, dir, id); n != 1 {
		t.Errorf("%d view entries for the dossier, want 1", n)
	}
}

// viewEntries counts the "view" audit entries of a dossier.
func viewEntries(t *testing.T, dir, id string) int {
	t.Helper()
	v, err := store.Open(dir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	n := 0
	err = v.View(func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.Action == store.ActionView && e.Type == "dossier" && e.ID == id && e.Actor == "测试员" {
				n++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLeadListShowsLeads shows records of type lead in 线索台账 with their
// status as the stage, and not the dossiers.
func TestLeadListShowsLeads(t *testing.T) {
	dir := makeVault(t, someDossiers(4))
	v, err := store.Open(dir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	err = v.Update(func(tx *store.Tx) error {
		return tx.Put(&store.Record{Type: "lead", Data: []byte(`{"number":"XS-2026-001","summary":"反映某局长违规操办婚宴","status":"待处置","handler":"周某","reporter":{"name":"","real_name":false}}`)})
	})
	v.Close()
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, dir)
	h.unlock()
	m := h.u.sess.main
	m.nav.Select(secLeads)
	h.wait("the lead list", func() bool { return m.leads.loaded && m.leads.view != nil })
	if len(m.leads.view) != 1 {
		t.Fatalf("lead list shows %d rows, want 1", len(m.leads.view))
	}
	r := m.leads.rows[m.leads.view[0]]
	if r.number != "XS-2026-001" || r.stage != "待处置" || r.title != "反映某局长违规操办婚宴" {
		t.Errorf("lead row = %+v", r)
	}
}

// TestSearchAuditsTheSettledQuery types a query key by key: only the query
// the typing settles on runs, and it is audited once, as `search` audits
// it; a second query is a second entry.
func TestSearchAuditsTheSettledQuery(t *testing.T) {
	dir := makeVault(t, someDossiers(30))
	h := newHarness(t, dir)
	h.unlock()
	l := h.openCases()
	test.Type(l.search, "赵某某")
	h.wait("the search result", func() bool { return len(l.view) == 6 })
	h.settle(5 * h.u.debounce)
	l.search.SetText("钱某某")
	h.wait("the second result", func() bool {
		return len(l.view) == 6 && strings.Contains(l.rows[l.view[0]].subject, "钱")
	})
	h.settle(5 * h.u.debounce)
	h.lockAndWait()
	got := searchEntries(t, dir)
	if want := []string{`"赵某某": 6 hits`, `"钱某某": 6 hits`}; !slices.Equal(got, want) {
		t.Errorf("search entries %q, want %q", got, want)
	}
}

// searchEntries lists the details of the vault's search audit entries.
func searchEntries(t *testing.T, dir string) []string {
	t.Helper()
	v, err := store.Open(dir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	var out []string
	err = v.View(func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.Action == store.ActionSearch && e.Actor == "测试员" {
				out = append(out, e.Detail)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
