package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Tx is one bbolt transaction over the unlocked vault. Everything done through
// a Tx inside one Update (records, index, audit) commits together or not at all.
// A Tx is valid only inside the function passed to Update or View.
type Tx struct {
	btx *bolt.Tx
	v   *Vault
	now time.Time

	postings map[string]*posting // index changes not yet written, see flushPostings
}

// Update runs fn in a read-write transaction. If fn returns an error, nothing
// it did is kept. If fn panics, nothing is kept either: a panic on damaged
// pages is ErrCorrupt, any other is ErrInternal (see recoverPanic), and the
// vault stays open and usable.
func (v *Vault) Update(fn func(*Tx) error) error { return v.write(fn, true) }

// write runs fn in a read-write transaction and commits it when keep is
// set; otherwise (DryRun) it always rolls back.
func (v *Vault) write(fn func(*Tx) error, keep bool) (err error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.k == nil {
		return ErrClosed
	}
	defer guardFaults()()
	defer recoverPanic(v.dir, &err)
	err = v.db.Update(func(btx *bolt.Tx) error {
		tx := &Tx{btx: btx, v: v, now: v.opts.Now().UTC()}
		if err := fn(tx); err != nil {
			return err
		}
		if err := tx.flushPostings(); err != nil {
			return err
		}
		if !keep {
			return errDryRun
		}
		return nil
	})
	if !keep && errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// View runs fn in a read-only transaction (no audit entries can be added).
// A panic in fn is an error, as for Update.
func (v *Vault) View(fn func(*Tx) error) (err error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.k == nil {
		return ErrClosed
	}
	defer guardFaults()()
	defer recoverPanic(v.dir, &err)
	return v.db.View(func(btx *bolt.Tx) error {
		return fn(&Tx{btx: btx, v: v, now: v.opts.Now().UTC()})
	})
}

// bucket returns a top-level bucket or ErrCorrupt if it is missing.
func (tx *Tx) bucket(name []byte) (*bolt.Bucket, error) {
	b := tx.btx.Bucket(name)
	if b == nil {
		return nil, fmt.Errorf("%w: bucket %q missing", ErrCorrupt, name)
	}
	return b, nil
}

// Get returns the record with the given type and id, or ErrNotFound.
func (tx *Tx) Get(typ, id string) (*Record, error) {
	b, err := tx.bucket(bucketRec)
	if err != nil {
		return nil, err
	}
	key := recKey(typ, id)
	sealed := b.Get(key)
	if sealed == nil {
		return nil, fmt.Errorf("%w: %s/%s", ErrNotFound, typ, id)
	}
	return tx.v.k.decodeRecord(key, sealed)
}

// Put creates or updates a record. For a new record leave r.Rev at 0 (an empty
// r.ID gets a fresh id); to update, pass the Rev you read: if the stored record
// has moved on, Put fails with ErrRevisionMismatch. On success r holds the new
// revision, time and machine. The search index and the audit trail are updated
// in the same transaction.
func (tx *Tx) Put(r *Record) error {
	if r.ID == "" && r.Rev == 0 {
		r.ID = NewID()
	}
	if err := r.validate(); err != nil {
		return err
	}
	old, err := tx.Get(r.Type, r.ID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	action := ActionEdit
	if old == nil {
		if r.Rev != 0 {
			return fmt.Errorf("%w: %s/%s no longer exists", ErrRevisionMismatch, r.Type, r.ID)
		}
		action = ActionCreate
	} else if r.Rev != old.Rev {
		return fmt.Errorf("%w: %s/%s is at revision %d, edit was based on %d", ErrRevisionMismatch, r.Type, r.ID, old.Rev, r.Rev)
	}
	tx.stamp(r, old)
	if err := tx.store(r, old); err != nil {
		return err
	}
	return tx.Audit(action, r.Type, r.ID, "")
}

// stamp sets the revision, time, machine and version vector of a local write.
func (tx *Tx) stamp(r, old *Record) {
	m := tx.v.header().Machine
	r.Schema = SchemaVersion
	r.Modified = tx.now
	r.Machine = m
	r.Versions = map[string]uint64{}
	r.Rev = 1
	if old != nil {
		r.Rev = old.Rev + 1
		for k, n := range old.Versions {
			r.Versions[k] = n
		}
	}
	r.Versions[m]++
}

// store writes a stamped record, assigning its index number and updating the
// index from old (nil for a new record) to r.
func (tx *Tx) store(r, old *Record) error {
	if old != nil {
		r.Doc = old.Doc
	} else if err := tx.assignDoc(r); err != nil {
		return err
	}
	if err := tx.reindex(old, r); err != nil {
		return err
	}
	key := recKey(r.Type, r.ID)
	sealed, err := tx.v.k.encodeRecord(key, r)
	if err != nil {
		return err
	}
	return tx.btx.Bucket(bucketRec).Put(key, sealed)
}

// assignDoc gives a new record the next index number.
func (tx *Tx) assignDoc(r *Record) error {
	docs, err := tx.bucket(bucketDocs)
	if err != nil {
		return err
	}
	docs.FillPercent = appendFill
	seq, err := docs.NextSequence()
	if err != nil {
		return err
	}
	if seq > 1<<32-1 {
		return fmt.Errorf("%w: index numbers exhausted", ErrCorrupt)
	}
	r.Doc = uint32(seq)
	return docs.Put(docKey(r.Doc), recKey(r.Type, r.ID))
}

func docKey(doc uint32) []byte { return binary.BigEndian.AppendUint32(nil, doc) }

// Delete removes a record, its index entries and, for attachments, its content.
func (tx *Tx) Delete(typ, id string) error {
	old, err := tx.Get(typ, id)
	if err != nil {
		return err
	}
	if err := tx.reindex(old, nil); err != nil {
		return err
	}
	if err := tx.btx.Bucket(bucketDocs).Delete(docKey(old.Doc)); err != nil {
		return err
	}
	if typ == TypeAttachment {
		if err := tx.deleteChunks(id); err != nil {
			return err
		}
	}
	if err := tx.btx.Bucket(bucketRec).Delete(recKey(typ, id)); err != nil {
		return err
	}
	if err := tx.bury(old); err != nil {
		return err
	}
	return tx.Audit(ActionDelete, typ, id, "")
}

// List calls fn for every record of the given type ("" for all types), in key
// order. fn must not keep the record's Data beyond the call if it modifies it.
func (tx *Tx) List(typ string, fn func(*Record) error) error {
	b, err := tx.bucket(bucketRec)
	if err != nil {
		return err
	}
	c := b.Cursor()
	prefix := []byte(nil)
	if typ != "" {
		prefix = recKey(typ, "")
	}
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		r, err := tx.v.k.decodeRecord(k, v)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Count returns the number of records of a type ("" for all) without decrypting them.
func (tx *Tx) Count(typ string) int {
	b := tx.btx.Bucket(bucketRec)
	if b == nil {
		return 0
	}
	if typ == "" {
		return b.Stats().KeyN
	}
	n := 0
	prefix := recKey(typ, "")
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

// bury leaves a tombstone for a deleted user record: its version vector, one
// edit newer, so that a bundle carrying an older version does not bring it
// back. Merge bookkeeping records get none.
func (tx *Tx) bury(old *Record) error {
	if old.Type == TypeConflict || old.Type == TypeTombstone {
		return nil
	}
	dead := &Record{Type: old.Type, ID: old.ID, Versions: mergeVersions(old.Versions, nil)}
	dead.Versions[tx.v.header().Machine]++
	data, err := json.Marshal(map[string]any{"type": old.Type, "id": old.ID, "versions": dead.Versions, "deleted": tx.now})
	if err != nil {
		return err
	}
	t := &Record{Type: TypeTombstone, ID: conflictID(old.Type, old.ID), Data: data}
	if prev, err := tx.Get(TypeTombstone, t.ID); err == nil {
		t.Rev = prev.Rev
	}
	return tx.Put(t)
}
