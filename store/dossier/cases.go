package dossier

import (
	"fmt"

	"qingfeng/store"
	"qingfeng/store/model"
)

// OpenCase opens a case (at 受理) for a lead and links the lead to it, in
// the caller's transaction. The case carries the lead's subjects.
func OpenCase(tx *store.Tx, leadID string, kind model.CaseKind, on model.Date, actor string) (*model.Case, error) {
	l := &model.Lead{}
	rev, err := Load(tx, model.TypeLead, leadID, l)
	if err != nil {
		return nil, err
	}
	if l.CaseID != "" {
		return nil, fmt.Errorf("%w: %s has case %s", ErrHasCase, l.Number, l.CaseID)
	}
	c := model.NewCase(store.NewID(), kind, leadID, on, actor)
	c.SubjectIDs = append(c.SubjectIDs, l.SubjectIDs...)
	c.Title = l.Summary
	if _, err := Save(tx, &c, 0); err != nil {
		return nil, err
	}
	l.CaseID = c.ID
	l.Sign(actor, on, "转为案件", "")
	if _, err := Save(tx, l, rev); err != nil {
		return nil, err
	}
	return &c, nil
}

// MoveCase moves a case to another stage. A move the transition table does
// not allow is refused with the model's *MoveError, which says why. Entering
// 立案 gives the case its number from the per-year sequence.
func MoveCase(tx *store.Tx, id string, m model.Move) (*model.Case, error) {
	c := &model.Case{}
	err := update(tx, model.TypeCase, id, c, func() error {
		if err := c.Move(m); err != nil {
			return err
		}
		if m.To == model.StageFiled && c.Number == "" {
			return numberCase(tx, c, m.Date)
		}
		return nil
	})
	return c, err
}

func numberCase(tx *store.Tx, c *model.Case, on model.Date) error {
	s, _, err := Settings(tx)
	if err != nil {
		return err
	}
	seq, err := nextSeq(tx, "case", on.Year())
	if err != nil {
		return err
	}
	c.Number, err = model.FormatNumber(s.CaseNumberFormat, on.Year(), seq)
	return err
}

// GetCase loads one case.
func GetCase(tx *store.Tx, id string) (*model.Case, error) {
	c := &model.Case{}
	_, err := Load(tx, model.TypeCase, id, c)
	return c, err
}

// EditCase loads a case, lets change edit it, and saves it.
func EditCase(tx *store.Tx, id string, change func(*model.Case) error) (*model.Case, error) {
	c := &model.Case{}
	err := update(tx, model.TypeCase, id, c, func() error { return change(c) })
	return c, err
}

// Link makes child a 问责 sub-case of parent (一案双查); both records change
// in the caller's transaction, so the link always shows in both directions.
func Link(tx *store.Tx, parentID, childID string) error {
	p, c := &model.Case{}, &model.Case{}
	prev, err := Load(tx, model.TypeCase, parentID, p)
	if err != nil {
		return err
	}
	crev, err := Load(tx, model.TypeCase, childID, c)
	if err != nil {
		return err
	}
	if err := model.LinkAccountability(p, c); err != nil {
		return err
	}
	if _, err := Save(tx, p, prev); err != nil {
		return err
	}
	_, err = Save(tx, c, crev)
	return err
}

// Unlink removes a 一案双查 link from both cases.
func Unlink(tx *store.Tx, parentID, childID string) error {
	p, c := &model.Case{}, &model.Case{}
	prev, err := Load(tx, model.TypeCase, parentID, p)
	if err != nil {
		return err
	}
	crev, err := Load(tx, model.TypeCase, childID, c)
	if err != nil {
		return err
	}
	model.UnlinkAccountability(p, c)
	if _, err := Save(tx, p, prev); err != nil {
		return err
	}
	_, err = Save(tx, c, crev)
	return err
}

// DeleteCase deletes a case when the model's rule allows it (PlanDelete:
// refused or cascaded), saving the cases it changes and clearing the lead's
// link to it.
func DeleteCase(tx *store.Tx, id string) error {
	all, err := Cases(tx)
	if err != nil {
		return err
	}
	changed, err := model.PlanDelete(all, id)
	if err != nil {
		return err
	}
	for i := range changed {
		if err := saveLatest(tx, &changed[i]); err != nil {
			return err
		}
	}
	victim := &model.Case{}
	if _, err := Load(tx, model.TypeCase, id, victim); err != nil {
		return err
	}
	if victim.LeadID != "" {
		l := &model.Lead{}
		if err := update(tx, model.TypeLead, victim.LeadID, l, func() error { l.CaseID = ""; return nil }); err != nil {
			return err
		}
	}
	return tx.Delete(model.TypeCase, id)
}

// saveLatest saves a changed case over whatever revision is stored.
func saveLatest(tx *store.Tx, c *model.Case) error {
	r, err := tx.Get(model.TypeCase, c.ID)
	if err != nil {
		return err
	}
	_, err = Save(tx, c, r.Rev)
	return err
}
