package dossier

import (
	"qingfeng/store"
	"qingfeng/store/model"
)

// AddLead registers a new lead: it gets an id, and a number from the
// vault's per-year sequence in the settings' format when it has none; the
// registration is the first line of its 经手人 trail.
func AddLead(tx *store.Tx, l *model.Lead, actor string) error {
	if l.ID == "" {
		l.ID = store.NewID()
	}
	if l.Status == "" {
		l.Status = model.LeadPending
	}
	if l.Number == "" {
		s, _, err := Settings(tx)
		if err != nil {
			return err
		}
		seq, err := nextSeq(tx, "lead", l.Received.Year())
		if err != nil {
			return err
		}
		if l.Number, err = model.FormatNumber(s.LeadNumberFormat, l.Received.Year(), seq); err != nil {
			return err
		}
	}
	if len(l.Trail) == 0 {
		l.Sign(actor, l.Received, "登记", "")
	}
	_, err := Save(tx, l, 0)
	return err
}

// DisposeLead records the disposal opinion (a category or method valid for
// the vault's scheme) and signs the trail.
func DisposeLead(tx *store.Tx, id string, d model.Disposition, on model.Date, approver, actor string) (*model.Lead, error) {
	s, _, err := Settings(tx)
	if err != nil {
		return nil, err
	}
	l := &model.Lead{}
	err = update(tx, model.TypeLead, id, l, func() error {
		if err := l.Dispose(s.Scheme, d, on, approver); err != nil {
			return err
		}
		l.Sign(actor, on, "处置："+string(d), "")
		return nil
	})
	return l, err
}

// RecordLeadOutcome records what came of 初核 or 谈话函询.
func RecordLeadOutcome(tx *store.Tx, id string, o model.Outcome, on model.Date, actor string) (*model.Lead, error) {
	l := &model.Lead{}
	err := update(tx, model.TypeLead, id, l, func() error {
		if err := l.RecordOutcome(o, on); err != nil {
			return err
		}
		l.Sign(actor, on, "结果："+string(o), "")
		return nil
	})
	return l, err
}

// CloseLead closes a lead; the model refuses one without a valid category.
func CloseLead(tx *store.Tx, id string, on model.Date, actor string) (*model.Lead, error) {
	s, _, err := Settings(tx)
	if err != nil {
		return nil, err
	}
	l := &model.Lead{}
	err = update(tx, model.TypeLead, id, l, func() error {
		return l.Close(s.Scheme, on, actor) // signs the 办结 line itself
	})
	return l, err
}

// GetLead loads one lead.
func GetLead(tx *store.Tx, id string) (*model.Lead, error) {
	l := &model.Lead{}
	_, err := Load(tx, model.TypeLead, id, l)
	return l, err
}
