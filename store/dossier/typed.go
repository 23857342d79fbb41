package dossier

import (
	"encoding/json"
	"fmt"

	"qingfeng/store"
	"qingfeng/store/model"
)

// Load reads the record typ/id into v (a pointer to a model type) and returns
// its revision, which Save needs to detect concurrent edits.
func Load(tx *store.Tx, typ, id string, v model.Record) (uint64, error) {
	r, err := tx.Get(typ, id)
	if err != nil {
		return 0, err
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		return 0, fmt.Errorf("%w: %s/%s: %v", store.ErrCorrupt, typ, id, err)
	}
	return r.Rev, nil
}

// Save validates v and writes it at revision rev (0 for a new record; a new
// record without an id gets one). It returns the new revision.
func Save(tx *store.Tx, v model.Record, rev uint64) (uint64, error) {
	if v.RecordID() == "" {
		return 0, fmt.Errorf("%w: %s without id", store.ErrInvalidRecord, v.RecordType())
	}
	if err := v.Validate(); err != nil {
		return 0, err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return 0, fmt.Errorf("failed to encode %s: %w", v.RecordType(), err)
	}
	r := &store.Record{Type: v.RecordType(), ID: v.RecordID(), Rev: rev, Data: data}
	if err := tx.Put(r); err != nil {
		return 0, err
	}
	return r.Rev, nil
}

// update loads typ/id into v, applies change, and saves it at the same revision.
func update(tx *store.Tx, typ, id string, v model.Record, change func() error) error {
	rev, err := Load(tx, typ, id, v)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	_, err = Save(tx, v, rev)
	return err
}

// listAll decodes every record of typ with decode, in key order.
func listAll[T any](tx *store.Tx, typ string) ([]T, error) {
	var out []T
	err := tx.List(typ, func(r *store.Record) error {
		var v T
		if err := json.Unmarshal(r.Data, &v); err != nil {
			return fmt.Errorf("%w: %s/%s: %v", store.ErrCorrupt, typ, r.ID, err)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// Leads returns every lead.
func Leads(tx *store.Tx) ([]model.Lead, error) { return listAll[model.Lead](tx, model.TypeLead) }

// Cases returns every case.
func Cases(tx *store.Tx) ([]model.Case, error) { return listAll[model.Case](tx, model.TypeCase) }

// Subjects returns every subject.
func Subjects(tx *store.Tx) ([]model.Subject, error) {
	return listAll[model.Subject](tx, model.TypeSubject)
}

// Items returns every tracked item.
func Items(tx *store.Tx) ([]model.TrackedItem, error) {
	return listAll[model.TrackedItem](tx, model.TypeTrackedItem)
}
