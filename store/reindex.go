package store

import "fmt"

// Reindex rebuilds the search index from the records in one transaction:
// the repair for an index that check reports as not matching. Records that do
// not decrypt are left out of the index (check reports them separately).
func (v *Vault) Reindex() error {
	return v.Update(func(tx *Tx) error {
		if err := tx.btx.DeleteBucket(bucketIdx); err != nil {
			return fmt.Errorf("failed to drop the index: %w", err)
		}
		if _, err := tx.btx.CreateBucket(bucketIdx); err != nil {
			return err
		}
		err := tx.btx.Bucket(bucketRec).ForEach(func(k, val []byte) error {
			r, err := tx.v.k.decodeRecord(k, val)
			if err != nil {
				return nil
			}
			return tx.reindex(nil, r)
		})
		if err != nil {
			return err
		}
		return tx.Audit("reindex", "", "", "")
	})
}
