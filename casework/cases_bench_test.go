package casework

import (
	"fmt"
	"slices"
	"testing"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// BenchmarkOpenCase: opening one case on a vault with a long history
// (20,000 audit entries, 2,000 tracked items, 200 attachments over 200
// cases). "before" is how the window read a case until now: every item,
// every attachment record and the whole audit trail decrypted inside a
// write transaction; "after" is CaseView.
func BenchmarkOpenCase(b *testing.B) {
	s, ds := historyVault(b, 200, 2000, 200, 20000)
	id := modelCaseWithItems(b, ds).ID
	b.Run("before", func(b *testing.B) {
		for b.Loop() {
			if err := openCaseBefore(s.Vault(), id, modelToday); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("after", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.CaseView(id, modelToday); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// historyVault is a generated vault of cases cases with items tracked
// items and attachments attachments spread over them, and at least audit
// entries in its trail.
func historyVault(b *testing.B, cases, items, attachments, audit int) (*Service, *gen.Dataset) {
	b.Helper()
	s := modelService(b)
	ds := gen.New(11, modelToday).Dataset(cases/4, cases)
	for i := len(ds.Items); i < items; i++ {
		c := ds.Cases[i%len(ds.Cases)]
		ds.Items = append(ds.Items, model.TrackedItem{ID: store.NewID(), Kind: model.TrackedKinds[i%len(model.TrackedKinds)], CaseID: c.ID,
			Unit: fmt.Sprintf("某区第%d局", i), Issued: model.MustDate("2026-01-05"), Deadline: model.MustDate("2026-06-30"), Status: model.TrackedOpen})
	}
	if _, err := s.ImportDataset(&ds, nil); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < attachments; i++ {
		addAttachment(b, s, "case/"+ds.Cases[i%len(ds.Cases)].ID, fmt.Sprintf("证据%d.txt", i))
	}
	for have := auditLen(b, s); have < audit; have += 2000 {
		err := s.Vault().Update(func(tx *store.Tx) error {
			for i := 0; i < 2000; i++ {
				c := ds.Cases[(have+i)%len(ds.Cases)]
				if err := tx.Audit(store.ActionView, model.TypeCase, c.ID, ""); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return s, &ds
}

// openCaseBefore is the window's case read before CaseView, kept to
// measure against.
func openCaseBefore(v *store.Vault, id string, today model.Date) error {
	return v.Update(func(tx *store.Tx) error {
		c, err := dossier.GetCase(tx, id)
		if err != nil {
			return err
		}
		if c.LeadID != "" {
			if _, err := dossier.GetLead(tx, c.LeadID); err != nil {
				return err
			}
		}
		all, err := dossier.Items(tx)
		if err != nil {
			return err
		}
		var items []model.TrackedItem
		for _, t := range all {
			if t.CaseID == id {
				items = append(items, t)
			}
		}
		rules, err := dossier.Rules(tx)
		if err != nil {
			return err
		}
		if _, err := rules.Open(nil, []model.Case{*c}, items); err != nil {
			return err
		}
		var atts []string
		err = tx.List(store.TypeAttachment, func(r *store.Record) error {
			a, err := store.AttachmentOf(r)
			if err == nil && a.Owner == "case/"+id {
				atts = append(atts, r.ID)
			}
			return err
		})
		if err != nil {
			return err
		}
		if _, err := dossier.RegisterEntries(tx, id); err != nil {
			return err
		}
		if _, err := templatesInForce(tx); err != nil {
			return err
		}
		var trail []store.AuditEntry
		err = tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.ID == id || e.Type == store.TypeAttachment && slices.Contains(atts, e.ID) {
				trail = append(trail, *e)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Audit(store.ActionView, model.TypeCase, id, "")
	})
}
