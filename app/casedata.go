package app

import (
	"slices"

	"qingfeng/casework"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// caseBundle is everything a case tab shows, read in one transaction.
type caseBundle struct {
	c         *model.Case
	lead      *model.Lead
	subjects  map[string]model.Subject
	items     []model.TrackedItem
	deadlines []model.Deadline
	attach    []attachRow
	audit     []store.AuditEntry
	register  []dossier.RegisterEntry
	templates []string
	rules     *model.Rules
}

// attachRow is one attachment of a record.
type attachRow struct {
	id string
	a  store.Attachment
}

// subjectName is the name of a subject, or its id when unknown.
func (b *caseBundle) subjectName(id string) string {
	if s, ok := b.subjects[id]; ok && s.Name != "" {
		return s.Name
	}
	return id
}

// loadCaseBundle reads a case and what belongs to it, and audits the view.
func loadCaseBundle(v *store.Vault, id string, today model.Date) (*caseBundle, error) {
	b := &caseBundle{subjects: map[string]model.Subject{}}
	err := v.Update(func(tx *store.Tx) error {
		var err error
		if b.c, err = dossier.GetCase(tx, id); err != nil {
			return err
		}
		if b.c.LeadID != "" {
			if b.lead, err = dossier.GetLead(tx, b.c.LeadID); err != nil {
				return err
			}
		}
		if err := readSubjects(tx, b.c.SubjectIDs, b.subjects); err != nil {
			return err
		}
		items, err := dossier.Items(tx)
		if err != nil {
			return err
		}
		for _, t := range items {
			if t.CaseID == id {
				b.items = append(b.items, t)
			}
		}
		if b.rules, err = dossier.Rules(tx); err != nil {
			return err
		}
		ds, err := b.rules.Open(nil, []model.Case{*b.c}, b.items)
		if err != nil {
			return err
		}
		for _, d := range ds {
			d.DaysLeft = d.Due.Sub(today)
			d.Overdue = d.DaysLeft < 0
			b.deadlines = append(b.deadlines, d)
		}
		if b.attach, err = attachmentsOf(tx, model.TypeCase+"/"+id); err != nil {
			return err
		}
		if b.register, err = dossier.RegisterEntries(tx, id); err != nil {
			return err
		}
		err = tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.ID == id || e.Type == store.TypeAttachment && slices.ContainsFunc(b.attach, func(a attachRow) bool { return a.id == e.ID }) {
				b.audit = append(b.audit, *e)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Audit(store.ActionView, model.TypeCase, id, "")
	})
	if err == nil {
		b.templates, err = casework.New(v).TemplateNames()
	}
	return b, err
}

// readSubjects reads the named subjects into m.
func readSubjects(tx *store.Tx, ids []string, m map[string]model.Subject) error {
	for _, sid := range ids {
		var s model.Subject
		if _, err := dossier.Load(tx, model.TypeSubject, sid, &s); err != nil {
			return err
		}
		m[sid] = s
	}
	return nil
}

// attachmentsOf lists the attachments whose owner is "type/id".
func attachmentsOf(tx *store.Tx, owner string) ([]attachRow, error) {
	var out []attachRow
	err := tx.List(store.TypeAttachment, func(r *store.Record) error {
		a, err := store.AttachmentOf(r)
		if err != nil {
			return err
		}
		if a.Owner == owner {
			out = append(out, attachRow{r.ID, *a})
		}
		return nil
	})
	return out, err
}

// leadBundle is everything a lead tab shows.
type leadBundle struct {
	l        *model.Lead
	subjects map[string]model.Subject
	settings model.Settings
	attach   []attachRow
}

// loadLeadBundle reads a lead with its subjects and audits the view.
func loadLeadBundle(v *store.Vault, id string) (*leadBundle, error) {
	b := &leadBundle{subjects: map[string]model.Subject{}}
	err := v.Update(func(tx *store.Tx) error {
		var err error
		if b.l, err = dossier.GetLead(tx, id); err != nil {
			return err
		}
		if err := readSubjects(tx, b.l.SubjectIDs, b.subjects); err != nil {
			return err
		}
		if b.settings, _, err = dossier.Settings(tx); err != nil {
			return err
		}
		if b.attach, err = attachmentsOf(tx, model.TypeLead+"/"+id); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, model.TypeLead, id, "")
	})
	return b, err
}
