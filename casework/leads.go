package casework

import (
	"encoding/json"
	"fmt"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// The 问题线索 operations: register, dispose of, record the outcome, close,
// turn into a case, and the read models of the lead tab and the 线索台账.
// A rev argument is the lead's revision the form was read at: an edit based
// on an older one is refused with store.ErrRevisionMismatch and changes
// nothing; 0 takes whatever is stored (the command line without --rev).

// RegisterLead registers a lead and the 被反映人 it names, in one
// transaction: each subject gets an id and is linked to the lead, the lead
// gets its number from the per-year sequence (unless it has one) and the
// operator's 登记 line in its 经手人 trail. A 受理 date after today is
// ErrFutureDate. The arguments are not changed; the stored lead is returned.
func (s *Service) RegisterLead(l model.Lead, subjects []model.Subject) (*model.Lead, error) {
	if l.Received.After(model.DateOf(s.now())) {
		return nil, fmt.Errorf("%w: 受理 %s", ErrFutureDate, l.Received)
	}
	l.SubjectIDs = append([]string(nil), l.SubjectIDs...)
	err := s.update(func(tx *store.Tx) error {
		for _, sub := range subjects {
			if err := dossier.AddSubject(tx, &sub); err != nil {
				return err
			}
			l.SubjectIDs = append(l.SubjectIDs, sub.ID)
		}
		return dossier.AddLead(tx, &l, s.Operator())
	})
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// DisposeLead records the 处置 of a lead (a category or method of the
// vault's scheme) approved by approver on the date on, signed by the operator.
func (s *Service) DisposeLead(id string, rev uint64, d model.Disposition, on model.Date, approver string) (*model.Lead, error) {
	return s.changeLead(id, rev, func(tx *store.Tx) (*model.Lead, error) {
		return dossier.DisposeLead(tx, id, d, on, approver, s.Operator())
	})
}

// RecordOutcome records what came of 初核 or 谈话函询 on the date on.
func (s *Service) RecordOutcome(id string, rev uint64, o model.Outcome, on model.Date) (*model.Lead, error) {
	return s.changeLead(id, rev, func(tx *store.Tx) (*model.Lead, error) {
		return dossier.RecordLeadOutcome(tx, id, o, on, s.Operator())
	})
}

// CloseLead closes (办结) a lead on the date on; the model refuses one
// without a disposal valid for the vault's scheme.
func (s *Service) CloseLead(id string, rev uint64, on model.Date) (*model.Lead, error) {
	return s.changeLead(id, rev, func(tx *store.Tx) (*model.Lead, error) {
		return dossier.CloseLead(tx, id, on, s.Operator())
	})
}

// LeadToCase opens a case of kind (at 受理, on the date on) for the lead,
// carrying its subjects and summary, and links the lead to it: both
// records change in one transaction. A lead that has a case already is
// dossier.ErrHasCase.
func (s *Service) LeadToCase(leadID string, rev uint64, kind model.CaseKind, on model.Date) (*model.Case, error) {
	var c *model.Case
	err := s.update(func(tx *store.Tx) (err error) {
		if err := checkRev(tx, model.TypeLead, leadID, rev); err != nil {
			return err
		}
		c, err = dossier.OpenCase(tx, leadID, kind, on, s.Operator())
		return err
	})
	return c, err
}

// changeLead runs change on one lead in one transaction after checking rev.
func (s *Service) changeLead(id string, rev uint64, change func(*store.Tx) (*model.Lead, error)) (*model.Lead, error) {
	var l *model.Lead
	err := s.update(func(tx *store.Tx) (err error) {
		if err := checkRev(tx, model.TypeLead, id, rev); err != nil {
			return err
		}
		l, err = change(tx)
		return err
	})
	return l, err
}

// LeadView is what the lead tab shows of one lead.
type LeadView struct {
	Lead        *model.Lead
	Rev         uint64                   // the revision read: pass it back with an edit
	Subjects    map[string]model.Subject // the lead's 被反映人 by id
	Settings    model.Settings           // the disposal scheme the choices come from
	Attachments []Attachment             // the lead's attachments
}

// LeadView reads one lead with its subjects and attachments in a read
// transaction, then records the view in the audit trail.
func (s *Service) LeadView(id string) (*LeadView, error) {
	lv := &LeadView{Lead: &model.Lead{}, Subjects: map[string]model.Subject{}}
	err := s.view(func(tx *store.Tx) (err error) {
		if lv.Rev, err = dossier.Load(tx, model.TypeLead, id, lv.Lead); err != nil {
			return err
		}
		if err := readSubjects(tx, lv.Lead.SubjectIDs, lv.Subjects); err != nil {
			return err
		}
		if lv.Settings, _, err = dossier.Settings(tx); err != nil {
			return err
		}
		links, err := linkedTo(tx, id)
		lv.Attachments = links.attachments(model.TypeLead + "/" + id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return lv, s.auditView(model.TypeLead, id, "")
}

// Leads returns every lead (the 线索台账), read in a read transaction, and
// records the listing in the audit trail.
func (s *Service) Leads() ([]model.Lead, error) {
	var leads []model.Lead
	err := s.view(func(tx *store.Tx) (err error) { leads, err = dossier.Leads(tx); return err })
	if err != nil {
		return nil, err
	}
	return leads, s.auditView(model.TypeLead, "", fmt.Sprintf("list: %d", len(leads)))
}

// UndisposedLeads lists the leads without a disposal and how many days
// they have waited on today, oldest first; the listing is audited.
func (s *Service) UndisposedLeads(today model.Date) ([]model.UndisposedEntry, error) {
	leads, err := s.Leads()
	if err != nil {
		return nil, err
	}
	return model.UndisposedReport(leads, today), nil
}

// ListRow reads one record for a row of the record lists, with the names
// the row shows (as Browse gives them for every row): its subjects', and
// for a case its lead's 承办人. Like Browse it is not audited.
func (s *Service) ListRow(typ, id string) (*store.Record, *Names, error) {
	n := &Names{Subjects: map[string]string{}, Handlers: map[string]string{}}
	var r *store.Record
	err := s.view(func(tx *store.Tx) (err error) {
		if r, err = tx.Get(typ, id); err != nil {
			return err
		}
		var refs struct {
			SubjectIDs []string `json:"subject_ids"`
			LeadID     string   `json:"lead_id"`
		}
		_ = json.Unmarshal(r.Data, &refs)
		for _, sid := range refs.SubjectIDs {
			var sub model.Subject
			if _, err := dossier.Load(tx, model.TypeSubject, sid, &sub); err == nil {
				n.Subjects[sid] = sub.Name
			}
		}
		if typ != model.TypeCase || refs.LeadID == "" {
			return nil
		}
		if l, err := dossier.GetLead(tx, refs.LeadID); err == nil && l.Handler != "" {
			n.Handlers[refs.LeadID] = l.Handler
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return r, n, nil
}

// auditView records in its own small write that a record was viewed.
func (s *Service) auditView(typ, id, detail string) error {
	return s.update(func(tx *store.Tx) error { return tx.Audit(store.ActionView, typ, id, detail) })
}

// readSubjects reads the named subjects into m.
func readSubjects(tx *store.Tx, ids []string, m map[string]model.Subject) error {
	for _, sid := range ids {
		var sub model.Subject
		if _, err := dossier.Load(tx, model.TypeSubject, sid, &sub); err != nil {
			return err
		}
		m[sid] = sub
	}
	return nil
}

// checkRev refuses an edit of typ/id based on a revision other than the
// stored one; rev 0 checks nothing.
func checkRev(tx *store.Tx, typ, id string, rev uint64) error {
	if rev == 0 {
		return nil
	}
	r, err := tx.Get(typ, id)
	if err != nil {
		return err
	}
	if r.Rev != rev {
		return fmt.Errorf("%w: %s/%s is at revision %d, the form was read at %d", store.ErrRevisionMismatch, typ, id, r.Rev, rev)
	}
	return nil
}
