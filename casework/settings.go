package casework

import (
	"fmt"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// Settings returns the vault's settings (issuing body, 机关代字, disposal
// scheme, number formats) and their revision: the defaults at revision 0
// when none were saved.
func (s *Service) Settings() (model.Settings, uint64, error) {
	var st model.Settings
	var rev uint64
	err := s.view(func(tx *store.Tx) (err error) { st, rev, err = dossier.Settings(tx); return err })
	return st, rev, err
}

// SaveSettings validates and stores the settings read at revision rev (0:
// the defaults, none saved yet) and returns the new revision. Settings
// saved meanwhile by someone else refuse the save with
// store.ErrRevisionMismatch; settings that do not validate (a number format
// without {seq} …) are refused too, and nothing changes.
func (s *Service) SaveSettings(st model.Settings, rev uint64) (uint64, error) {
	var nu uint64
	err := s.update(func(tx *store.Tx) error {
		_, cur, err := dossier.Settings(tx)
		if err != nil {
			return err
		}
		if cur != rev {
			return fmt.Errorf("%w: settings are at revision %d, the form was read at %d", store.ErrRevisionMismatch, cur, rev)
		}
		if err := dossier.SaveSettings(tx, st); err != nil {
			return err
		}
		_, nu, err = dossier.Settings(tx)
		return err
	})
	return nu, err
}
