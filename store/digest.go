package store

import (
	"crypto/sha256"
)

// RecordsDigest returns a SHA-256 over every record's key and decrypted
// envelope, in key order. Two vaults (or one vault before and after a refused
// operation) hold the same records exactly when their digests are equal.
// The audit trail is not included: refused operations are audited too.
func (v *Vault) RecordsDigest() ([]byte, error) {
	h := sha256.New()
	err := v.View(func(tx *Tx) error {
		return tx.btx.Bucket(bucketRec).ForEach(func(k, val []byte) error {
			pt, err := open(tx.v.k.record, recAAD(k), val)
			if err != nil {
				return err
			}
			h.Write(k)
			h.Write([]byte{0})
			h.Write(pt)
			h.Write([]byte{0})
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
