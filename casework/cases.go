package casework

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// The case operations: move a case, record a step, link and unlink 一案双查
// cases, delete one, and the read models of the case tab and the 案件 list.
// A rev argument is the case's revision the form was read at (0: whatever
// is stored), as for leads.

// MoveCase moves a case to m.To on m.Date; m.Actor is ignored, the operator
// makes the move. A move the transition table does not allow is refused
// with the model's *model.MoveError, which says why, and changes nothing;
// entering 立案 gives the case its number.
func (s *Service) MoveCase(id string, rev uint64, m model.Move) (*model.Case, error) {
	m.Actor = s.Operator()
	return s.changeCase(id, rev, func(tx *store.Tx) (*model.Case, error) { return dossier.MoveCase(tx, id, m) })
}

// RecordStep records an approval or report (立案审批, 初核报告 …) a later
// move needs; step.Actor is ignored, the operator records it.
func (s *Service) RecordStep(id string, rev uint64, step model.Step) (*model.Case, error) {
	step.Actor = s.Operator()
	return s.changeCase(id, rev, func(tx *store.Tx) (*model.Case, error) {
		return dossier.EditCase(tx, id, func(c *model.Case) error { return c.AddStep(step) })
	})
}

// LinkCases makes child a 问责 sub-case of parent (一案双查); both cases
// change in one transaction, so the link always shows in both directions.
func (s *Service) LinkCases(parentID, childID string) error {
	return s.update(func(tx *store.Tx) error { return dossier.Link(tx, parentID, childID) })
}

// UnlinkCases removes a 一案双查 link from both cases.
func (s *Service) UnlinkCases(parentID, childID string) error {
	return s.update(func(tx *store.Tx) error { return dossier.Unlink(tx, parentID, childID) })
}

// DeleteCase deletes a case and clears its lead's link to it; a case with
// 问责 sub-cases is refused (model.ErrLinkedCases).
func (s *Service) DeleteCase(id string) error {
	return s.update(func(tx *store.Tx) error { return dossier.DeleteCase(tx, id) })
}

// Cases returns the cases at stage ("" for all), read in a read
// transaction, and records the listing in the audit trail.
func (s *Service) Cases(stage model.Stage) ([]model.Case, error) {
	var cases []model.Case
	err := s.view(func(tx *store.Tx) error {
		all, err := dossier.Cases(tx)
		for _, c := range all {
			if stage == "" || c.Stage == stage {
				cases = append(cases, c)
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return cases, s.auditView(model.TypeCase, "", fmt.Sprintf("list: %d", len(cases)))
}

// changeCase runs change on one case in one transaction after checking rev.
func (s *Service) changeCase(id string, rev uint64, change func(*store.Tx) (*model.Case, error)) (*model.Case, error) {
	var c *model.Case
	err := s.update(func(tx *store.Tx) (err error) {
		if err := checkRev(tx, model.TypeCase, id, rev); err != nil {
			return err
		}
		c, err = change(tx)
		return err
	})
	return c, err
}

// CaseView is what the case tab shows of one case.
type CaseView struct {
	Case        *model.Case
	Rev         uint64                   // the revision read: pass it back with an edit
	Modified    time.Time                // when that revision was written
	Lead        *model.Lead              // the lead it grew out of; nil if none
	Subjects    map[string]model.Subject // the case's subjects by id
	Items       []model.TrackedItem      // its tracked items, by id
	Deadlines   []model.Deadline         // open deadlines of the case and its items, days left from today
	Attachments []Attachment             // by id
	Register    []dossier.RegisterEntry  // the documents issued from it
	Templates   []string                 // names of the templates in force
}

// CaseView reads one case and what its tab shows in one read transaction,
// then records the view in the audit trail. Only the case's own records
// are decrypted: its lead and subjects by the ids it holds, its tracked
// items, attachments and register entries through the search index (the
// records whose text names the case's id); not every item, not the audit
// trail.
func (s *Service) CaseView(id string, today model.Date) (*CaseView, error) {
	cv := &CaseView{Case: &model.Case{}, Subjects: map[string]model.Subject{}}
	if err := s.view(func(tx *store.Tx) error { return cv.read(tx, id, today) }); err != nil {
		return nil, err
	}
	return cv, s.auditView(model.TypeCase, id, "")
}

// read fills the view inside tx.
func (cv *CaseView) read(tx *store.Tx, id string, today model.Date) error {
	r, err := tx.Get(model.TypeCase, id)
	if err != nil {
		return err
	}
	if err := decodeModel(r, cv.Case); err != nil {
		return err
	}
	cv.Rev, cv.Modified = r.Rev, r.Modified
	if c := cv.Case; c.LeadID != "" {
		if cv.Lead, err = dossier.GetLead(tx, c.LeadID); err != nil {
			return err
		}
	}
	if err := readSubjects(tx, cv.Case.SubjectIDs, cv.Subjects); err != nil {
		return err
	}
	links, err := linkedTo(tx, id)
	if err != nil {
		return err
	}
	cv.Attachments = links.attachments(model.TypeCase + "/" + id)
	if cv.Items, err = links.items(id); err != nil {
		return err
	}
	if cv.Register, err = links.register(id); err != nil {
		return err
	}
	if err := cv.readDeadlines(tx, today); err != nil {
		return err
	}
	return cv.readTemplates(tx)
}

// readDeadlines computes the open deadlines of the case and its items.
func (cv *CaseView) readDeadlines(tx *store.Tx, today model.Date) error {
	rules, err := dossier.Rules(tx)
	if err != nil {
		return err
	}
	ds, err := rules.Open(nil, []model.Case{*cv.Case}, cv.Items)
	for _, d := range ds {
		d.DaysLeft = d.Due.Sub(today)
		d.Overdue = d.DaysLeft < 0
		cv.Deadlines = append(cv.Deadlines, d)
	}
	return err
}

// readTemplates names the templates in force.
func (cv *CaseView) readTemplates(tx *store.Tx) error {
	ts, err := templatesInForce(tx)
	for _, t := range ts {
		cv.Templates = append(cv.Templates, t.Name)
	}
	return err
}

// links are the records whose text holds one record's id: the records
// that refer to it. They are found through the search index, so only they
// are decrypted.
type links []*store.Record

func linkedTo(tx *store.Tx, id string) (links, error) {
	res, err := tx.Search(id, 0)
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// attachments are the linked attachments whose owner is "type/id", by id.
func (ls links) attachments(owner string) []Attachment {
	var out []Attachment
	for _, r := range ls {
		if r.Type != store.TypeAttachment {
			continue
		}
		if a, err := store.AttachmentOf(r); err == nil && a.Owner == owner {
			out = append(out, Attachment{ID: r.ID, Attachment: *a})
		}
	}
	slices.SortFunc(out, func(a, b Attachment) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// items are the linked tracked items of the case caseID, by id.
func (ls links) items(caseID string) ([]model.TrackedItem, error) {
	var out []model.TrackedItem
	for _, r := range ls {
		var t model.TrackedItem
		if r.Type != model.TypeTrackedItem {
			continue
		}
		if err := decodeModel(r, &t); err != nil {
			return nil, err
		}
		if t.CaseID == caseID {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b model.TrackedItem) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// register are the linked register entries of the dossier id, in the
// register's order (year, 代字, serial, date).
func (ls links) register(id string) ([]dossier.RegisterEntry, error) {
	var out []dossier.RegisterEntry
	for _, r := range ls {
		var e dossier.RegisterEntry
		if r.Type != dossier.TypeDocRegister {
			continue
		}
		if err := decodeModel(r, &e); err != nil {
			return nil, err
		}
		if e.DossierID == id {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b dossier.RegisterEntry) int {
		return cmp.Or(a.Year-b.Year, cmp.Compare(a.Code, b.Code), a.Serial-b.Serial, a.Date.Sub(b.Date), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// decodeModel decodes a record's data into v.
func decodeModel(r *store.Record, v any) error {
	if err := json.Unmarshal(r.Data, v); err != nil {
		return fmt.Errorf("%w: %s/%s: %v", store.ErrCorrupt, r.Type, r.ID, err)
	}
	return nil
}
