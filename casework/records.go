package casework

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// Generic dossier records (type "dossier": any JSON object with a
// non-empty "title"), the read-only view of any record, and the reading
// the record lists are made from.

// TypeDossier is the record type of a generic dossier.
const TypeDossier = "dossier"

// ParseDossier checks the body of a generic dossier: exactly one JSON
// object with a non-empty string "title". It returns the body without
// surrounding white space; anything else is store.ErrInvalidRecord.
func ParseDossier(b []byte) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrInvalidRecord, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: more than one JSON value", store.ErrInvalidRecord)
	}
	if t, _ := obj["title"].(string); strings.TrimSpace(t) == "" {
		return nil, fmt.Errorf("%w: \"title\" (a non-empty string) is required", store.ErrInvalidRecord)
	}
	return json.RawMessage(bytes.TrimSpace(b)), nil
}

// AddDossier stores a new generic dossier with body b (see ParseDossier)
// and returns it at revision 1; the creation is audited in the same
// transaction.
func (s *Service) AddDossier(b []byte) (*store.Record, error) {
	data, err := ParseDossier(b)
	if err != nil {
		return nil, err
	}
	r := &store.Record{Type: TypeDossier, Data: data}
	if err := s.update(func(tx *store.Tx) error { return tx.Put(r) }); err != nil {
		return nil, err
	}
	return r, nil
}

// EditDossier replaces the body of dossier id with b (see ParseDossier)
// and returns the new revision; the edit is audited in the same
// transaction. rev is the revision the edit is based on: if the dossier
// has moved on since, the edit is store.ErrRevisionMismatch and nothing
// changes. rev 0 bases the edit on whatever revision is stored.
func (s *Service) EditDossier(id string, rev uint64, b []byte) (*store.Record, error) {
	data, err := ParseDossier(b)
	if err != nil {
		return nil, err
	}
	var r *store.Record
	err = s.update(func(tx *store.Tx) error {
		if r, err = tx.Get(TypeDossier, id); err != nil {
			return err
		}
		if rev != 0 && r.Rev != rev {
			return fmt.Errorf("%w: %s/%s is at revision %d, edit was based on %d", store.ErrRevisionMismatch, TypeDossier, id, r.Rev, rev)
		}
		r.Data = data
		return tx.Put(r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// DeleteDossier removes dossier id (audited by the store, one transaction).
func (s *Service) DeleteDossier(id string) error {
	return s.update(func(tx *store.Tx) error { return tx.Delete(TypeDossier, id) })
}

// Dossiers returns every generic dossier in key order and audits the
// list as one view entry ("list: N"), in one transaction.
func (s *Service) Dossiers() ([]*store.Record, error) {
	var recs []*store.Record
	err := s.update(func(tx *store.Tx) error {
		err := tx.List(TypeDossier, func(r *store.Record) error { recs = append(recs, r); return nil })
		if err != nil {
			return err
		}
		return tx.Audit(store.ActionView, TypeDossier, "", fmt.Sprintf("list: %d", len(recs)))
	})
	if err != nil {
		return nil, err
	}
	return recs, nil
}

// ShowRecord reads one record of any type and audits the view, in one
// transaction: the window's record tab and the command line's
// "dossier show" both come here.
func (s *Service) ShowRecord(typ, id string) (*store.Record, error) {
	var r *store.Record
	err := s.update(func(tx *store.Tx) (err error) {
		if r, err = tx.Get(typ, id); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, typ, id, "")
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Names resolves the case model's references that the record lists show:
// the 被反映人 behind subject ids, and a case's 承办人 through its lead.
type Names struct {
	Subjects map[string]string // subject id → name
	Handlers map[string]string // lead id → handler
}

// SubjectsOf joins the names of subject ids with 、, skipping unknown ids.
func (n *Names) SubjectsOf(ids []string) string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if s := n.Subjects[id]; s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "、")
}

// Browse reads every record of the given types in one read-only
// transaction, for the record lists: begin is told first how many records
// there are and given the names their rows need (see Names), then each is
// called for every record, the types in the order given and each type in
// key order. Browse stops at the first error of each, or when ctx is
// done (ctx.Err()). Both run on the calling goroutine; each must not keep
// a record it changes. Browsing is not audited: the lists show summaries,
// and opening a record (ShowRecord) is.
func (s *Service) Browse(ctx context.Context, types []string, begin func(total int, n *Names), each func(*store.Record) error) error {
	return s.view(func(tx *store.Tx) error {
		total := 0
		for _, t := range types {
			total += tx.Count(t)
		}
		n, err := readNames(tx, types)
		if err != nil {
			return err
		}
		begin(total, n)
		for _, t := range types {
			err := tx.List(t, func(r *store.Record) error {
				if err := each(r); err != nil {
					return err
				}
				return ctx.Err()
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// readNames reads what lists of leads and cases need from other records:
// subject names, and for cases their leads' handlers.
func readNames(tx *store.Tx, types []string) (*Names, error) {
	n := &Names{Subjects: map[string]string{}, Handlers: map[string]string{}}
	if !slices.Contains(types, model.TypeCase) && !slices.Contains(types, model.TypeLead) {
		return n, nil
	}
	err := tx.List(model.TypeSubject, func(r *store.Record) error {
		var s struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(r.Data, &s) == nil {
			n.Subjects[r.ID] = s.Name
		}
		return nil
	})
	if err != nil || !slices.Contains(types, model.TypeCase) {
		return n, err
	}
	err = tx.List(model.TypeLead, func(r *store.Record) error {
		var l struct {
			Handler string `json:"handler"`
		}
		if json.Unmarshal(r.Data, &l) == nil && l.Handler != "" {
			n.Handlers[r.ID] = l.Handler
		}
		return nil
	})
	return n, err
}

// DeadlineRecord is the record a deadline opens: its own, except that a
// tracked item opens the case it belongs to, else its lead. A tracked
// item that cannot be read, or belongs to neither, opens itself. Nothing
// is audited here; opening the record is.
func (s *Service) DeadlineRecord(dl model.Deadline) (typ, id string) {
	if dl.Record != model.TypeTrackedItem {
		return dl.Record, dl.RecordID
	}
	var it model.TrackedItem
	err := s.view(func(tx *store.Tx) error {
		_, err := dossier.Load(tx, model.TypeTrackedItem, dl.RecordID, &it)
		return err
	})
	switch {
	case err != nil:
		return dl.Record, dl.RecordID
	case it.CaseID != "":
		return model.TypeCase, it.CaseID
	case it.LeadID != "":
		return model.TypeLead, it.LeadID
	}
	return dl.Record, dl.RecordID
}
