package dossier

import (
	"errors"

	"qingfeng/store"
	"qingfeng/store/model"
)

// Settings returns the vault's settings, or the defaults when none were saved.
func Settings(tx *store.Tx) (model.Settings, uint64, error) {
	s := model.Settings{}
	rev, err := Load(tx, model.TypeSettings, model.SettingsID, &s)
	if errors.Is(err, store.ErrNotFound) {
		return model.DefaultSettings(), 0, nil
	}
	return s, rev, err
}

// SaveSettings validates and stores the settings.
func SaveSettings(tx *store.Tx, s model.Settings) error {
	_, rev, err := Settings(tx)
	if err != nil {
		return err
	}
	s.ID = model.SettingsID
	_, err = Save(tx, &s, rev)
	return err
}
