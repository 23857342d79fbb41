package app

import (
	"cmp"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// countLeads is the number of leads in the vault of h.
func countLeads(t *testing.T, h *harness) []model.Lead {
	t.Helper()
	var leads []model.Lead
	err := h.u.sess.vault.View(func(tx *store.Tx) error {
		var err error
		leads, err = dossier.Leads(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return leads
}

// TestNewLeadForm: an empty summary shows one line and stores nothing; a
// filled form registers the lead with a number and its 被反映人, shows the
// number and opens the lead's tab.
func TestNewLeadForm(t *testing.T) {
	h, _ := modelHarness(t, 5, 3)
	before := len(countLeads(t, h))

	// From the button of a loaded 线索台账 (the new lead must join its rows).
	h.u.sess.main.nav.Select(secLeads)
	l := h.u.sess.main.leads
	h.wait("the lead list", func() bool { return l.loaded })
	test.Tap(h.button(tr("newlead.title")))
	f := h.u.sess.main.leadForm
	if f == nil || !h.hasText(tr("newlead.save")) {
		t.Fatalf("no 新建线索 form; texts %q", h.texts())
	}
	f.source.SetSelected(string(model.SourcePetition))
	f.category.SetSelected(string(model.CategoryIntegrity))
	test.Type(f.reporter, "李某")
	f.realName.SetChecked(true)
	test.Type(f.subjects, "王某某、𠮷某")
	test.Tap(f.save)
	h.settle(50 * time.Millisecond)
	if f.status.Hidden || f.status.Text != errText(errNeedSummary) {
		t.Fatalf("empty summary: status %q (hidden %v)", f.status.Text, f.status.Hidden)
	}
	if n := len(countLeads(t, h)); n != before {
		t.Fatalf("empty summary stored a lead: %d leads, were %d", n, before)
	}

	test.Type(f.summary, "反映其在工程验收中收受施工方购物卡。")
	test.Tap(f.save)
	h.wait("the new lead", func() bool { return f.number != "" })
	if !h.hasText(f.number) {
		t.Fatalf("the number %s is not shown; texts %q", f.number, h.texts())
	}
	leads := countLeads(t, h)
	if len(leads) != before+1 {
		t.Fatalf("%d leads after registering, want %d", len(leads), before+1)
	}
	var got *model.Lead
	for i := range leads {
		if leads[i].ID == f.id {
			got = &leads[i]
		}
	}
	if got == nil || got.Number == "" || got.Summary != "反映其在工程验收中收受施工方购物卡。" || !got.Reporter.RealName || len(got.SubjectIDs) != 2 {
		t.Fatalf("stored lead %+v", got)
	}
	var names []string
	err := h.u.sess.vault.View(func(tx *store.Tx) error {
		for _, id := range got.SubjectIDs {
			var s model.Subject
			if _, err := dossier.Load(tx, model.TypeSubject, id, &s); err != nil {
				return err
			}
			names = append(names, s.Name)
		}
		return nil
	})
	if err != nil || len(names) != 2 || names[0] != "王某某" || names[1] != "𠮷某" {
		t.Fatalf("subjects %q, %v", names, err)
	}
	tab, ok := l.leadTabs[model.TypeLead+"/"+f.id]
	if !ok {
		t.Fatal("the new lead's tab is not open")
	}
	h.wait("the lead tab", func() bool { return tab.b != nil })
	if l.tabs.Selected() != tab.item || tab.item.Text != tabTitleOf(got.Number) {
		t.Fatalf("tab %q selected %v", tab.item.Text, l.tabs.Selected() == tab.item)
	}
	h.wait("the lead in the list", func() bool {
		i, ok := l.index[model.TypeLead+"/"+f.id]
		return ok && slices.Contains(l.view, i)
	})
	if i := l.index[model.TypeLead+"/"+f.id]; !strings.Contains(l.rows[i].cell(colSubject), "王某某") {
		t.Errorf("list row of the new lead names %q", l.rows[i].cell(colSubject))
	}
	// Ctrl+N opens the form again.
	f.dlg.Hide()
	h.w.Canvas().(fyne.Shortcutable).TypedShortcut(newShortcut)
	if h.u.sess.main.leadForm == f || !h.hasText(tr("newlead.save")) {
		t.Error("Ctrl+N does not open a new 新建线索 form")
	}
}

// TestTrackedItems: 督办事项 lists every item, overdue ones first in red
// with the suggested next step; 回复 records the reply in the vault.
func TestTrackedItems(t *testing.T) {
	h, ds := modelHarness(t, 30, 40)
	h.u.sess.main.nav.Select(secTracked)
	v := h.u.sess.main.tracked
	h.wait("the tracked items", func() bool { return len(v.items) > 0 })
	if len(v.items) != len(ds.Items) {
		t.Fatalf("%d items shown, the vault has %d", len(v.items), len(ds.Items))
	}
	if !v.items[0].Overdue(modelToday) {
		t.Fatal("test data has no overdue item, or it is not first")
	}
	row := v.createRow()
	v.updateRow(0, row)
	cells := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects
	if l := cells[4].(*widget.Label); l.Text != tr("tracked.is_overdue") || l.Importance != widget.DangerImportance {
		t.Fatalf("overdue flag %q importance %v", l.Text, l.Importance)
	}
	want := string(cmp.Or(v.items[0].NextStep, model.SuggestedNextStep(v.items[0].Kind)))
	if l := cells[5].(*widget.Label); want == "" || l.Text != want {
		t.Fatalf("next step %q, want %q", l.Text, want)
	}
	if !h.hasText(v.items[0].Unit) {
		t.Fatalf("unit %q not on screen", v.items[0].Unit)
	}

	id := v.items[0].ID
	v.reply(id, "", "x")
	if v.status.Hidden || v.status.Text != errText(errBadDate) {
		t.Fatalf("bad date: status %q", v.status.Text)
	}
	v.reply(id, modelToday.String(), "已整改完毕，附整改报告。")
	h.wait("the reply", func() bool {
		for _, it := range v.items {
			if it.ID == id {
				return it.Status == model.TrackedReplied
			}
		}
		return false
	})
	var it model.TrackedItem
	err := h.u.sess.vault.View(func(tx *store.Tx) error {
		_, err := dossier.Load(tx, model.TypeTrackedItem, id, &it)
		return err
	})
	if err != nil || it.Reply != "已整改完毕，附整改报告。" || it.Replied != modelToday || it.Status != model.TrackedReplied {
		t.Fatalf("stored item %+v, %v", it, err)
	}
	if v.items[len(v.items)-1].Status == model.TrackedOpen && v.items[len(v.items)-1].Overdue(modelToday) {
		t.Fatal("order: an overdue item sorted last")
	}
}

// TestVaultSettings: 设置 shows the vault's settings, refuses a number
// format without {seq} in one line and stores nothing, saves a valid change
// with SaveSettings, and shows which font file serves each role.
func TestVaultSettings(t *testing.T) {
	h, _ := modelHarness(t, 3, 3)
	h.u.sess.main.nav.Select(secSettings)
	v := h.u.sess.main.settings.vault
	h.wait("the settings", func() bool { return v.loaded.ID != "" })
	if v.code.Text != "某纪" || v.scheme.Selected == "" {
		t.Fatalf("fields: code %q scheme %q", v.code.Text, v.scheme.Selected)
	}
	stored := func() model.Settings {
		var s model.Settings
		err := h.u.sess.vault.View(func(tx *store.Tx) error {
			var err error
			s, _, err = dossier.Settings(tx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := stored()

	v.body.SetText("中共某县纪律检查委员会")
	v.code.SetText("某县纪")
	v.scheme.SetSelected(tr("settings.scheme.four"))
	v.leadFormat.SetText("XS-{year}")
	test.Tap(v.save)
	h.wait("the refusal", func() bool { return !v.status.Hidden })
	if v.status.Text != errText(model.ErrNumberFormat) && !strings.HasPrefix(v.status.Text, errText(model.ErrNumberFormat)) {
		t.Fatalf("refusal %q", v.status.Text)
	}
	if strings.Contains(v.status.Text, "\n") {
		t.Fatalf("refusal is not one line: %q", v.status.Text)
	}
	if got := stored(); got != before {
		t.Fatalf("a refused save changed the settings: %+v", got)
	}

	v.leadFormat.SetText("XS〔{year}〕{seq}号")
	test.Tap(v.save)
	h.wait("the save", func() bool { return !v.saved.Hidden })
	got := stored()
	if got.IssuingBody != "中共某县纪律检查委员会" || got.OfficeCode != "某县纪" || got.Scheme != model.SchemeFourMethods || got.LeadNumberFormat != "XS〔{year}〕{seq}号" {
		t.Fatalf("stored %+v", got)
	}

	h.wait("the font report", func() bool { return v.report != nil })
	if len(v.report.Roles) == 0 {
		t.Fatal("font report without roles")
	}
	for _, r := range v.report.Roles {
		if r.File == "" || !h.hasText(r.File) || !h.hasText(r.Role) {
			t.Errorf("role %s (%s) not shown with its file", r.Role, r.File)
		}
	}
}

// TestRecoveryKeySheet: on the create screen, 打印恢复密钥 writes a one-page
// PDF at the path picked, and its text holds every group of the key.
func TestRecoveryKeySheet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	h := newHarness(t, dir)
	p := h.passwordEntries()
	test.Type(p[0], testPass)
	submit(p[1], testPass)
	h.wait("the recovery key", func() bool { return h.hasText(tr("rk.heading")) })
	key := h.shownRecoveryKey()
	out := filepath.Join(t.TempDir(), "恢复密钥.pdf")
	h.u.savePath = func(string) string { return out }
	test.Tap(h.button(tr("rk.print")))
	h.wait("the sheet written", func() bool { return h.hasText(out) })
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("sheet: %v, mode %v", err, st)
	}
	txt, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if pages := strings.Count(string(txt), "\f"); pages != 1 {
		t.Errorf("sheet has %d pages, want 1", pages)
	}
	for _, g := range strings.Split(key, "-") {
		if !strings.Contains(string(txt), g) {
			t.Errorf("group %s of the key not in the sheet:\n%s", g, txt)
		}
	}
	if !strings.Contains(string(txt), "恢复密钥") {
		t.Errorf("no title in the sheet:\n%s", txt)
	}
}

// TestNewScreensDropOnLock: after 督办事项, 设置 and 交接 have shown the
// vault's data, locking leaves none of it in the window.
func TestNewScreensDropOnLock(t *testing.T) {
	h, ds := modelHarness(t, 10, 10)
	m := h.u.sess.main
	m.nav.Select(secTracked)
	h.wait("the tracked items", func() bool { return len(m.tracked.items) > 0 })
	m.nav.Select(secSettings)
	h.wait("the settings", func() bool { return m.settings.vault.loaded.ID != "" })
	m.nav.Select(secHandoff)
	h.wait("the cases", func() bool { return len(m.handoff.cases) > 0 })
	secrets := []string{ds.Items[0].Unit, "某纪", ds.Cases[0].Number}
	for _, s := range secrets {
		if s == "" {
			t.Fatal("empty probe")
		}
	}
	if !h.hasText(ds.Cases[0].Number) {
		t.Fatalf("case %s not offered in 交接", ds.Cases[0].Number)
	}
	f := h.u.newLead()
	test.Type(f.summary, "锁定前未提交的摘要")
	h.lockAndWait()
	if !h.onUnlockScreen() {
		t.Fatal("not on the unlock screen")
	}
	for _, s := range append(secrets, "锁定前未提交的摘要") {
		if h.hasText(s) {
			t.Errorf("%q still in the window after lock", s)
		}
	}
}
