package app

import (
	"strings"
	"testing"

	"qingfeng/casework"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// TestLeadTabDisposeAndOpenCase drives the lead tab's dialogs: a lead with
// no disposal is disposed of as 拟立案 and then turned into a case; both
// changes are stored, signed in the 经手人 trail, and shown.
func TestLeadTabDisposeAndOpenCase(t *testing.T) {
	h, ds := modelHarness(t, 30, 5)
	var lead *model.Lead
	for i := range ds.Leads {
		if ds.Leads[i].Disposal.Choice == "" && ds.Leads[i].CaseID == "" {
			lead = &ds.Leads[i]
			break
		}
	}
	if lead == nil {
		t.Fatal("no undisposed lead in the generated vault")
	}
	h.u.sess.main.openRecord(model.TypeLead, lead.ID)
	var tab *leadTab
	h.wait("the lead tab", func() bool {
		tab = h.u.sess.main.leads.leadTabs["lead/"+lead.ID]
		return tab != nil && tab.b != nil
	})

	tab.askDispose()
	h.wait("the dispose dialog", func() bool { return h.w.Canvas().Overlays().Top() != nil })
	h.selectWith(string(model.DispFile)).SetSelected(string(model.DispFile))
	h.confirmDialog(tr("dialog.ok"))
	h.wait("the disposal", func() bool { return tab.b.l.Disposal.Choice == model.DispFile })

	tab.askCase()
	h.confirmDialog(tr("dialog.ok"))
	h.wait("the case", func() bool { return tab.b.l.CaseID != "" })

	var stored *model.Lead
	var c *model.Case
	err := h.u.sess.vault.View(func(tx *store.Tx) (err error) {
		if stored, err = dossier.GetLead(tx, lead.ID); err != nil {
			return err
		}
		c, err = dossier.GetCase(tx, stored.CaseID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if stored.Disposal.Choice != model.DispFile || c.Stage != model.StageReceived || c.LeadID != lead.ID {
		t.Fatalf("stored lead %+v, case %+v", stored.Disposal, c)
	}
	if n := len(stored.Trail); n < len(lead.Trail)+2 {
		t.Fatalf("trail has %d lines, want at least %d", n, len(lead.Trail)+2)
	}
	if !h.hasText(string(model.DispFile)) {
		t.Error("the disposal is not shown in the tab")
	}
}

// TestLeadTabRefusesStaleForm: the lead changes elsewhere (the command
// line's `lead dispose`, which calls the same casework method) after the
// tab read it; the tab's 处置 is then refused in one line, nothing is
// stored, and a reload shows the change made elsewhere.
func TestLeadTabRefusesStaleForm(t *testing.T) {
	h, ds := modelHarness(t, 30, 5)
	var lead *model.Lead
	for i := range ds.Leads {
		if ds.Leads[i].Disposal.Choice == "" && ds.Leads[i].CaseID == "" {
			lead = &ds.Leads[i]
			break
		}
	}
	if lead == nil {
		t.Fatal("no undisposed lead in the generated vault")
	}
	h.u.sess.main.openRecord(model.TypeLead, lead.ID)
	var tab *leadTab
	h.wait("the lead tab", func() bool {
		tab = h.u.sess.main.leads.leadTabs["lead/"+lead.ID]
		return tab != nil && tab.b != nil
	})
	if _, err := casework.New(h.u.sess.vault).DisposeLead(lead.ID, 0, model.DispConclude, modelToday, "王书记"); err != nil {
		t.Fatal(err)
	}
	before := h.recordsDigest()
	tab.askDispose()
	h.wait("the dispose dialog", func() bool { return h.w.Canvas().Overlays().Top() != nil })
	h.selectWith(string(model.DispFile)).SetSelected(string(model.DispFile))
	h.confirmDialog(tr("dialog.ok"))
	h.wait("the refusal", func() bool { return tab.status.Visible() })
	if line := tab.status.Text; strings.Contains(line, "\n") || !strings.HasPrefix(line, errText(store.ErrRevisionMismatch)) {
		t.Errorf("refusal %q, want the revision message %q", line, errText(store.ErrRevisionMismatch))
	}
	if h.recordsDigest() != before {
		t.Fatal("a stale form changed the records")
	}
	tab.reload()
	h.wait("the reload", func() bool { return tab.b.l.Disposal.Choice == model.DispConclude })
}
