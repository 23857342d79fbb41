package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// modelToday is the fixed "today" of the case model test vaults.
var modelToday = model.MustDate("2026-05-20")

// makeModelVault creates a vault filled with a generated data set (as the
// demo command does) and returns its directory and the data set.
func makeModelVault(t testing.TB, leads, cases int) (string, *gen.Dataset) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	v, _, err := store.Create(dir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ds := gen.New(7, modelToday).Dataset(leads, cases)
	err = v.Update(func(tx *store.Tx) error {
		for _, r := range ds.Records() {
			if _, err := dossier.Save(tx, r, 0); err != nil {
				return err
			}
		}
		s := ds.Settings
		if s.OfficeCode == "" {
			s.OfficeCode = "某纪"
		}
		if err := dossier.SaveSettings(tx, s); err != nil {
			return err
		}
		return dossier.SyncCounters(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, &ds
}

// modelHarness opens a window over a generated vault with the clock at
// modelToday, unlocked.
func modelHarness(t *testing.T, leads, cases int) (*harness, *gen.Dataset) {
	dir, ds := makeModelVault(t, leads, cases)
	h := newHarness(t, dir)
	now := modelToday.Time().Add(10 * time.Hour)
	h.u.now = func() time.Time { return now }
	h.unlock()
	return h, ds
}

// TestDashboardDeadlinesAndCharts: the 工作台 lists exactly the model's
// Upcoming deadlines, overdue first and in red, and every chart bar is the
// count of Stats.
func TestDashboardDeadlinesAndCharts(t *testing.T) {
	h, _ := modelHarness(t, 30, 40)
	d := h.u.sess.main.dash
	h.wait("the overview", func() bool { return d.stats != nil })

	var want []model.Deadline
	var stats model.Statistics
	err := h.u.sess.vault.View(func(tx *store.Tx) error {
		all, err := dossier.LoadAll(tx)
		if err != nil {
			return err
		}
		rules, err := dossier.Rules(tx)
		if err != nil {
			return err
		}
		want, err = all.Upcoming(rules, modelToday, 7)
		stats = all.Stats(modelToday.Year(), modelToday)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !want[0].Overdue {
		t.Fatalf("test data has no overdue deadline (%d upcoming)", len(want))
	}
	if len(d.upcoming) != len(want) {
		t.Fatalf("工作台 shows %d deadlines, Upcoming gives %d", len(d.upcoming), len(want))
	}
	var buttons []*widget.Button
	for _, b := range find[*widget.Button](h) {
		if b.Importance == widget.DangerImportance || b.Importance == widget.WarningImportance {
			buttons = append(buttons, b)
		}
	}
	if len(buttons) != len(want) {
		t.Fatalf("%d deadline buttons, want %d", len(buttons), len(want))
	}
	seenSoon := false
	for i, dl := range want {
		if d.upcoming[i].RecordID != dl.RecordID || d.upcoming[i].Due != dl.Due {
			t.Errorf("deadline %d is %s %s, want %s %s", i, d.upcoming[i].RecordID, d.upcoming[i].Due, dl.RecordID, dl.Due)
		}
		b := buttons[i]
		if dl.Overdue != (b.Importance == widget.DangerImportance) {
			t.Errorf("deadline %d (overdue %v) drawn with importance %v", i, dl.Overdue, b.Importance)
		}
		if !dl.Overdue {
			seenSoon = true
		} else if seenSoon {
			t.Errorf("overdue deadline %d listed after one that is not overdue", i)
		}
		if num := dl.Number; num != "" && !strings.Contains(b.Text, num) {
			t.Errorf("button %q does not name %s", b.Text, num)
		}
	}

	check := func(key string, m map[string]int) {
		t.Helper()
		c := d.bars[key]
		got := map[string]int{}
		for _, b := range c.bars {
			got[b.label] = b.n
		}
		for k, n := range m {
			if n == 0 {
				delete(m, k)
			}
		}
		if len(got) != len(m) {
			t.Errorf("%s: bars %v, stats %v", key, got, m)
		}
		for k, n := range m {
			if got[k] != n {
				t.Errorf("%s: bar %s = %d, stats %d", key, k, got[k], n)
			}
		}
	}
	strMap := func(m any) map[string]int {
		out := map[string]int{}
		b, _ := json.Marshal(m)
		json.Unmarshal(b, &out)
		return out
	}
	check("dash.by_source", strMap(stats.Leads.BySource))
	check("dash.by_category", strMap(stats.Leads.ByCategory))
	check("dash.by_disposal", strMap(stats.Leads.ByDisposal))
	forms := map[string]int{}
	for f, n := range stats.Outcomes.ByForm {
		forms[tr("form."+itoa(int(f)))] = n
	}
	check("dash.by_form", forms)
	if d.line.series[0].values != stats.Leads.ByMonth {
		t.Errorf("monthly line of new leads %v, stats %v", d.line.series[0].values, stats.Leads.ByMonth)
	}

	// A deadline opens its record.
	test.Tap(buttons[0])
	h.wait("the record tab", func() bool {
		m := h.u.sess.main
		return m.cur == secCases && len(m.cases.cases) == 1 || m.cur == secLeads && len(m.leads.leadTabs) == 1
	})
}

// openCase opens a case of the generated vault in its tab and waits for it.
func (h *harness) openCase(id string) *caseTab {
	h.t.Helper()
	h.u.sess.main.openRecord(model.TypeCase, id)
	var t *caseTab
	h.wait("the case tab", func() bool {
		t = h.u.sess.main.cases.cases["case/"+id]
		return t != nil && t.b != nil
	})
	return t
}

// pickCase finds a generated case in the given stage.
func pickCase(t *testing.T, ds *gen.Dataset, stage model.Stage) *model.Case {
	for i := range ds.Cases {
		if ds.Cases[i].Stage == stage {
			return &ds.Cases[i]
		}
	}
	t.Fatalf("no generated case at %s", stage)
	return nil
}

// recordsDigest is the vault's digest of every record.
func (h *harness) recordsDigest() string {
	h.t.Helper()
	d, err := h.u.sess.vault.RecordsDigest()
	if err != nil {
		h.t.Fatal(err)
	}
	return string(d)
}

// TestFlowOffersAllowedMovesAndMoves: 流程 offers exactly the model's
// allowed next stages; a refused move shows the model's reason in one line
// and changes nothing; an allowed move through the dialog changes the stage
// and adds the event.
func TestFlowOffersAllowedMovesAndMoves(t *testing.T) {
	h, ds := modelHarness(t, 5, 30)
	c := pickCase(t, ds, model.StageReceived)
	tab := h.openCase(c.ID)
	var want []string
	for _, m := range model.AllowedMoves(c.Stage) {
		want = append(want, string(m.To))
	}
	var got []string
	for _, b := range tab.moves {
		got = append(got, b.Text)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("流程 offers %v, the model allows %v", got, want)
	}
	tab.tabs.SelectIndex(caseSecFlow)

	// 受理 → 线索处置 needs the lead; drop the lead reference so the move is refused.
	h2, ds2 := modelHarness(t, 5, 30)
	var bare *model.Case
	for i := range ds2.Cases {
		if ds2.Cases[i].Stage == model.StageDisposal && !ds2.Cases[i].HasStep(model.StepPrelimApproval, modelToday) {
			bare = &ds2.Cases[i]
			break
		}
	}
	if bare != nil {
		tab2 := h2.openCase(bare.ID)
		before := h2.recordsDigest()
		var prelim *widget.Button
		for _, b := range tab2.moves {
			if b.Text == string(model.StagePrelim) {
				prelim = b
			}
		}
		test.Tap(prelim)
		h2.confirmDialog(tr("flow.do_move"))
		h2.wait("the refusal", func() bool { return tab2.status.Visible() })
		line := tab2.status.Text
		if strings.Contains(line, "\n") || !strings.Contains(line, string(model.StepPrelimApproval)) {
			t.Errorf("refusal line %q does not name the missing step in one line", line)
		}
		if after := h2.recordsDigest(); after != before {
			t.Errorf("a refused move changed the records")
		}
	} else {
		t.Errorf("no generated case at 线索处置 without 初核审批")
	}

	before := len(c.Events)
	test.Tap(tab.moves[0])
	h.confirmDialog(tr("flow.do_move"))
	h.wait("the move", func() bool { return tab.b.c.Stage == model.Transitions()[0].To })
	if n := len(tab.b.c.Events); n != before+1 {
		t.Errorf("%d events after the move, want %d", n, before+1)
	}
	var stored *model.Case
	h.u.sess.vault.View(func(tx *store.Tx) (err error) { stored, err = dossier.GetCase(tx, c.ID); return err })
	if stored.Stage != model.StageDisposal || stored.Events[len(stored.Events)-1].To != model.StageDisposal {
		t.Errorf("stored case at %s after the move", stored.Stage)
	}
	if !h.hasText(string(model.StageDisposal)) {
		t.Errorf("the new stage is not shown")
	}
}

// confirmDialog taps the confirm button of the dialog on top.
func (h *harness) confirmDialog(label string) {
	h.t.Helper()
	h.wait("the dialog", func() bool { return h.w.Canvas().Overlays().Top() != nil })
	test.Tap(h.button(label))
}

// TestDocsAttachmentsAndLock: the 文书 preview draws non-empty pages;
// saving writes a PDF whose SHA-256 is in a print audit entry; printing
// leaves a PDF in the temporary folder; an attachment added by dropping a
// file is stored; its plaintext copy needs confirmation and is audited;
// locking then deletes the print folder and leaves no decrypted text.
func TestDocsAttachmentsAndLock(t *testing.T) {
	h, ds := modelHarness(t, 5, 30)
	c := pickCase(t, ds, model.StageInvestigate)
	tab := h.openCase(c.ID)
	out := t.TempDir()
	h.u.savePath = func(name string) string { return filepath.Join(out, name) }

	// 文书: preview and save.
	tab.tabs.SelectIndex(caseSecDocs)
	tmpl := "立案决定书"
	if !slices.Contains(tab.b.templates, tmpl) {
		tmpl = tab.b.templates[0]
	}
	tab.docs.pick.SetSelected(tmpl)
	h.wait("the preview", func() bool { return len(tab.docs.images) > 0 || tab.docs.status.Visible() })
	if len(tab.docs.images) == 0 {
		t.Fatalf("no preview: %q", tab.docs.status.Text)
	}
	img := tab.docs.images[0]
	if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 || !inked(img) {
		t.Errorf("preview page %v is empty", img.Bounds())
	}
	docs := tab.docs
	test.Tap(h.button(tr("doc.save_pdf")))
	h.wait("the saved PDF", func() bool { return docs.last != nil || docs.status.Text != "" })
	if docs.last == nil {
		t.Fatalf("not saved: %q", docs.status.Text)
	}
	pdfBytes, err := os.ReadFile(filepath.Join(out, tmpl+".pdf"))
	if err != nil || !strings.HasPrefix(string(pdfBytes), "%PDF") {
		t.Fatalf("saved PDF: %v", err)
	}
	sum := sha256.Sum256(pdfBytes)
	if !h.audited(store.ActionPrint, hex.EncodeToString(sum[:])) {
		t.Errorf("no print audit entry with the PDF's SHA-256")
	}
	tab = h.u.sess.main.cases.cases["case/"+c.ID]
	h.wait("the reload", func() bool { return tab.docs != docs })
	tab.tabs.SelectIndex(caseSecDocs)
	tab.docs.pick.SetSelected(tmpl)
	docs = tab.docs
	test.Tap(h.button(tr("doc.print")))
	h.wait("the print", func() bool { return docs.last != nil || docs.status.Text != "" })
	printDir := h.u.printDir
	if entries, _ := os.ReadDir(printDir); printDir == "" || len(entries) != 1 {
		t.Fatalf("print folder %q holds %d files, want 1", printDir, len(entries))
	}

	// 附件: drop a file on the window.
	tab = h.u.sess.main.cases.cases["case/"+c.ID]
	h.wait("the reload", func() bool { return tab.docs != docs })
	const secret = "证人证言：某某于二〇二五年收受购物卡"
	src := filepath.Join(t.TempDir(), "证言.txt")
	os.WriteFile(src, []byte(secret), 0o600)
	att := tab.att
	h.u.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(src)})
	h.wait("the attachment", func() bool { return tab.att != att && len(tab.b.attach) == 1 })
	r := tab.b.attach[0]
	if r.a.Name != "证言.txt" || r.a.Size != int64(len(secret)) {
		t.Errorf("stored attachment %+v", r.a)
	}
	tab.tabs.SelectIndex(caseSecAttach)
	test.Tap(h.button(tr("att.save_copy")))
	copyPath := filepath.Join(out, "证言.txt")
	if _, err := os.Stat(copyPath); err == nil {
		t.Fatalf("copy written before confirmation")
	}
	if h.audited(store.ActionSaveCopy, "") {
		t.Fatalf("audited before confirmation")
	}
	h.confirmDialog("Yes")
	h.wait("the copy", func() bool { b, _ := os.ReadFile(copyPath); return string(b) == secret })
	h.wait("the audit entry", func() bool { return h.audited(store.ActionSaveCopy, copyPath) })

	// Lock: no decrypted text, print folder gone.
	h.lockAndWait()
	if _, err := os.Stat(printDir); !os.IsNotExist(err) {
		t.Errorf("print folder %s still there after lock", printDir)
	}
	for _, s := range h.texts() {
		for _, w := range []string{c.Title, c.Number, secret, tmpl} {
			if w != "" && strings.Contains(s, w) {
				t.Errorf("after lock the window still shows %q", s)
			}
		}
	}
}

// audited reports whether an audit entry of action has detail containing s.
func (h *harness) audited(action, s string) bool {
	found := false
	v := h.u.sess.vault
	v.View(func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.Action == action && strings.Contains(e.Detail, s) {
				found = true
			}
			return nil
		})
	})
	return found
}

// inked reports whether an image has some dark pixel.
func inked(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0x8000 {
				return true
			}
		}
	}
	return false
}

// TestCaseListNamesSubjectsAndHandler: the 案件 list fills 被反映人 from the
// subject records and 承办人 from the case's lead.
func TestCaseListNamesSubjectsAndHandler(t *testing.T) {
	h, ds := modelHarness(t, 5, 20)
	h.u.sess.main.nav.Select(secCases)
	l := h.u.sess.main.cases
	h.wait("the case rows", func() bool { return l.loaded })
	subj := map[string]string{}
	for _, s := range ds.Subjects {
		subj[s.ID] = s.Name
	}
	handler := map[string]string{}
	for _, ld := range ds.Leads {
		handler[ld.ID] = ld.Handler
	}
	checked := 0
	for _, c := range ds.Cases {
		r := l.rows[l.index["case/"+c.ID]]
		if len(c.SubjectIDs) > 0 && !strings.Contains(r.subject, subj[c.SubjectIDs[0]]) {
			t.Errorf("case %s 被反映人 %q, want %q", c.ID, r.subject, subj[c.SubjectIDs[0]])
		}
		if want := handler[c.LeadID]; want != "" {
			checked++
			if r.handler != want {
				t.Errorf("case %s 承办人 %q, want %q", c.ID, r.handler, want)
			}
		}
	}
	if checked == 0 {
		t.Errorf("no generated case has a lead with a handler")
	}
}

// TestCaseTabReadsItsOwn: opening a case writes exactly one view entry;
// the tab holds the case's own tracked items and attachments, and its
// timeline shows an attachment added to it.
func TestCaseTabReadsItsOwn(t *testing.T) {
	h, ds := modelHarness(t, 5, 30)
	var c *model.Case
	for i := range ds.Cases {
		if slices.ContainsFunc(ds.Items, func(it model.TrackedItem) bool { return it.CaseID == ds.Cases[i].ID }) {
			c = &ds.Cases[i]
			break
		}
	}
	if c == nil {
		t.Fatal("no generated case has a tracked item")
	}
	v := h.u.sess.vault
	if _, err := v.AddAttachment("询问笔录.txt", "case/"+c.ID, strings.NewReader("笔录")); err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddAttachment("另案材料.txt", "case/"+ds.Cases[len(ds.Cases)-1].ID, strings.NewReader("另案")); err != nil {
		t.Fatal(err)
	}
	views := func() int {
		n := 0
		v.View(func(tx *store.Tx) error {
			return tx.AuditEntries(func(e *store.AuditEntry) error {
				if e.Action == store.ActionView && e.Type == model.TypeCase && e.ID == c.ID {
					n++
				}
				return nil
			})
		})
		return n
	}
	tab := h.openCase(c.ID)
	if n := views(); n != 1 {
		t.Errorf("opening the case wrote %d view entries", n)
	}
	want := 0
	for _, it := range ds.Items {
		if it.CaseID == c.ID {
			want++
		}
	}
	if len(tab.b.items) != want || len(tab.b.attach) != 1 || tab.b.attach[0].a.Name != "询问笔录.txt" {
		t.Fatalf("%d items (want %d), attachments %+v", len(tab.b.items), want, tab.b.attach)
	}
	tab.tabs.SelectIndex(len(caseSections) - 1)
	h.wait("the timeline", func() bool { return h.hasText("询问笔录.txt") })
}
