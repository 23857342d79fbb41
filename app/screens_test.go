package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

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

	f := h.u.newLead()
	if f == nil || !h.hasText(tr("newlead.title")) {
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
	l := h.u.sess.main.leads
	tab, ok := l.leadTabs[model.TypeLead+"/"+f.id]
	if !ok {
		t.Fatal("the new lead's tab is not open")
	}
	h.wait("the lead tab", func() bool { return tab.b != nil })
	if l.tabs.Selected() != tab.item || tab.item.Text != tabTitleOf(got.Number) {
		t.Fatalf("tab %q selected %v", tab.item.Text, l.tabs.Selected() == tab.item)
	}
}
