package dossier

import (
	"encoding/json"
	"errors"
	"fmt"

	"qingfeng/store"
	"qingfeng/store/model"
)

// typeConfig holds a vault's own edits of the shipped tables.
const typeConfig = "config"

// Config record ids.
const (
	ConfigRules    = "rules"    // the deadline rule table (model.RuleFile JSON)
	ConfigCalendar = "calendar" // holiday and 调休 overrides (model.CalendarFile JSON)
)

// Rules returns the deadline rules in force: the shipped table and calendar,
// overridden by the vault's own edits when it has any.
func Rules(tx *store.Tx) (*model.Rules, error) {
	cal, err := model.DefaultCalendar()
	if err != nil {
		return nil, err
	}
	if data, err := configData(tx, ConfigCalendar); err != nil {
		return nil, err
	} else if data != nil {
		if cal, err = cal.Override(data); err != nil {
			return nil, err
		}
	}
	data, err := configData(tx, ConfigRules)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return model.DefaultRules(cal)
	}
	return model.ParseRules(data, cal)
}

// SetConfig stores an edited rule table or calendar after checking that it
// parses; a table that does not parse is refused and nothing is stored.
func SetConfig(tx *store.Tx, id string, data json.RawMessage) error {
	var check error
	switch id {
	case ConfigCalendar:
		cal, err := model.DefaultCalendar()
		if err == nil {
			_, err = cal.Override(data)
		}
		check = err
	case ConfigRules:
		cal, err := model.DefaultCalendar()
		if err == nil {
			_, err = model.ParseRules(data, cal)
		}
		check = err
	default:
		return fmt.Errorf("%w: unknown config %q", store.ErrInvalidRecord, id)
	}
	if check != nil {
		return check
	}
	r, err := tx.Get(typeConfig, id)
	if errors.Is(err, store.ErrNotFound) {
		r, err = &store.Record{Type: typeConfig, ID: id}, nil
	}
	if err != nil {
		return err
	}
	r.Data = data
	return tx.Put(r)
}

func configData(tx *store.Tx, id string) (json.RawMessage, error) {
	r, err := tx.Get(typeConfig, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return r.Data, nil
}
