package dossier

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"qingfeng/store"
	"qingfeng/store/model"
)

// typeCounter is the record type of per-year number sequences.
const typeCounter = "counter"

// counter is the last sequence number handed out for one series and year.
type counter struct {
	Last int `json:"last"`
}

// nextSeq hands out the next number of a series ("lead", "case") for a year,
// inside the caller's transaction, so two records never share a number.
func nextSeq(tx *store.Tx, series string, year int) (int, error) {
	rec, c, err := loadCounter(tx, fmt.Sprintf("%s-%d", series, year))
	if err != nil {
		return 0, err
	}
	c.Last++
	rec.Data, _ = json.Marshal(c)
	if err := tx.Put(rec); err != nil {
		return 0, err
	}
	return c.Last, nil
}

// SyncCounters raises each per-year counter to the highest number already
// used by a lead or case in the settings' formats, so that records imported
// with their own numbers (a demo vault, a handoff) never collide with new ones.
func SyncCounters(tx *store.Tx) error {
	s, _, err := Settings(tx)
	if err != nil {
		return err
	}
	a, err := LoadAll(tx)
	if err != nil {
		return err
	}
	high := map[string]int{}
	for _, l := range a.Leads {
		if y, seq, err := model.ParseNumber(s.LeadNumberFormat, l.Number); err == nil {
			k := fmt.Sprintf("lead-%d", y)
			high[k] = max(high[k], seq)
		}
	}
	for _, c := range a.Cases {
		if y, seq, err := model.ParseNumber(s.CaseNumberFormat, c.Number); err == nil {
			k := fmt.Sprintf("case-%d", y)
			high[k] = max(high[k], seq)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(high)) { // in order: the same index numbers and audit trail everywhere
		if err := raiseCounter(tx, id, high[id]); err != nil {
			return err
		}
	}
	return nil
}

func raiseCounter(tx *store.Tx, id string, n int) error {
	rec, c, err := loadCounter(tx, id)
	if err != nil || c.Last >= n {
		return err
	}
	c.Last = n
	rec.Data, _ = json.Marshal(c)
	return tx.Put(rec)
}

// loadCounter reads a counter, or a fresh one at zero.
func loadCounter(tx *store.Tx, id string) (*store.Record, counter, error) {
	var c counter
	rec, err := tx.Get(typeCounter, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return &store.Record{Type: typeCounter, ID: id}, c, nil
	case err != nil:
		return nil, c, err
	}
	if err := json.Unmarshal(rec.Data, &c); err != nil {
		return nil, c, fmt.Errorf("%w: counter %s", store.ErrCorrupt, id)
	}
	return rec, c, nil
}
