package dossier

import (
	"qingfeng/store"
	"qingfeng/store/model"
)

// AddItem registers a tracked item (督办事项).
func AddItem(tx *store.Tx, t *model.TrackedItem) error {
	if t.ID == "" {
		t.ID = store.NewID()
	}
	if t.NextStep == "" {
		t.NextStep = model.SuggestedNextStep(t.Kind)
	}
	_, err := Save(tx, t, 0)
	return err
}

// ReplyItem records a unit's reply to a tracked item.
func ReplyItem(tx *store.Tx, id string, on model.Date, text string) (*model.TrackedItem, error) {
	t := &model.TrackedItem{}
	err := update(tx, model.TypeTrackedItem, id, t, func() error { return t.RecordReply(on, text) })
	return t, err
}

// EscalateOverdue flags every overdue, unanswered item as escalated (with its
// suggested next step) and returns the ones it changed.
func EscalateOverdue(tx *store.Tx, today model.Date) ([]model.TrackedItem, error) {
	items, err := Items(tx)
	if err != nil {
		return nil, err
	}
	var changed []model.TrackedItem
	for i := range items {
		if probe := items[i]; probe.Escalated || !probe.Escalate(today) {
			continue
		}
		t := &model.TrackedItem{}
		if err := update(tx, model.TypeTrackedItem, items[i].ID, t, func() error { t.Escalate(today); return nil }); err != nil {
			return nil, err
		}
		changed = append(changed, *t)
	}
	return changed, nil
}

// AddSubject registers a 被反映人 / 被审查调查人.
func AddSubject(tx *store.Tx, s *model.Subject) error {
	if s.ID == "" {
		s.ID = store.NewID()
	}
	_, err := Save(tx, s, 0)
	return err
}
