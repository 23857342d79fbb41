package casework

import (
	"strings"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// The 督办事项 operations: register a tracked item, record a unit's reply,
// list them.

// AddItem registers a tracked item (监察建议, 约谈, 责令整改, 函询): it gets an
// id unless it has one, and the suggested next step of its kind unless it
// names one. The argument is not changed; the stored item is returned.
func (s *Service) AddItem(t model.TrackedItem) (*model.TrackedItem, error) {
	if err := s.update(func(tx *store.Tx) error { return dossier.AddItem(tx, &t) }); err != nil {
		return nil, err
	}
	return &t, nil
}

// ReplyItem records the unit's reply text, received on the date on, to
// the tracked item id read at revision rev (0: whatever is stored). An
// empty text is ErrNoReplyText.
func (s *Service) ReplyItem(id string, rev uint64, on model.Date, text string) (*model.TrackedItem, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, ErrNoReplyText
	}
	var t *model.TrackedItem
	err := s.update(func(tx *store.Tx) (err error) {
		if err := checkRev(tx, model.TypeTrackedItem, id, rev); err != nil {
			return err
		}
		t, err = dossier.ReplyItem(tx, id, on, text)
		return err
	})
	return t, err
}

// Tracked is a tracked item as read, with the revision to pass back with
// a reply (not part of its JSON).
type Tracked struct {
	model.TrackedItem
	Rev uint64 `json:"-"`
}

// Items returns every tracked item, in id order, read in one read
// transaction.
func (s *Service) Items() ([]Tracked, error) {
	var items []Tracked
	err := s.view(func(tx *store.Tx) error {
		return tx.List(model.TypeTrackedItem, func(r *store.Record) error {
			t := Tracked{Rev: r.Rev}
			if err := decodeModel(r, &t.TrackedItem); err != nil {
				return err
			}
			items = append(items, t)
			return nil
		})
	})
	return items, err
}
