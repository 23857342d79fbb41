package store

import "encoding/json"

// ResetPassphrase sets a new passphrase using the recovery key, for when the
// passphrase is forgotten. It unlocks the vault with the recovery key,
// rewraps the data key under the new passphrase (no record is re-encrypted),
// records the change in the audit trail and returns the open vault, which the
// caller closes. The recovery key itself stays valid.
func ResetPassphrase(dir string, rk RecoveryKey, newPass []byte, opts *Options) (*Vault, error) {
	if len([]rune(string(newPass))) < MinPassphraseRunes {
		return nil, ErrWeakPassphrase
	}
	v, err := OpenWithRecovery(dir, rk, opts)
	if err != nil {
		return nil, err
	}
	dataKey, err := v.header().unwrapRecovery(rk)
	if err != nil {
		v.Close()
		return nil, err
	}
	defer clear(dataKey)
	nh := *v.header()
	nh.wrapPass(dataKey, newPass, v.header().KDF)
	hb, _ := json.Marshal(&nh)
	err = v.Update(func(tx *Tx) error {
		if err := tx.btx.Bucket(bucketMeta).Put(keyHeader, hb); err != nil {
			return err
		}
		return tx.Audit(ActionPasswd, "", "", "reset with the recovery key")
	})
	if err != nil {
		v.Close()
		return nil, err
	}
	v.hdr.Store(&nh)
	return v, nil
}
