package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"
)

// Audit actions. Every view, print and export leaves one of these.
const (
	ActionCreateVault  = "create_vault"
	ActionUnlock       = "unlock"
	ActionUnlockFailed = "unlock_failed"
	ActionPasswd       = "passwd"
	ActionCreate       = "create"
	ActionEdit         = "edit"
	ActionDelete       = "delete"
	ActionView         = "view"
	ActionSearch       = "search"
	ActionPrint        = "print"
	ActionExport       = "export"
	ActionImport       = "import"
	ActionBackup       = "backup"
	ActionRestore      = "restore"
	ActionSaveCopy     = "save_plaintext_copy"
)

// AuditEntry is one link of the hash chain. Prev is the SHA-256 of the
// previous entry's canonical encoding (zero for the first entry).
type AuditEntry struct {
	Seq     uint64    `json:"seq"`
	Time    time.Time `json:"time"`
	Actor   string    `json:"actor"`
	Machine string    `json:"machine"`
	Action  string    `json:"action"`
	Type    string    `json:"type,omitempty"`
	ID      string    `json:"id,omitempty"`
	Detail  string    `json:"detail,omitempty"`
	Prev    []byte    `json:"prev"`
}

// Hash is the entry's chain hash: SHA-256 over its JSON encoding.
func (e *AuditEntry) Hash() []byte {
	b, _ := json.Marshal(e)
	h := sha256.Sum256(b)
	return h[:]
}

// auditHead is the sealed pointer to the newest entry; it catches a cut tail.
type auditHead struct {
	Seq  uint64 `json:"seq"`
	Hash []byte `json:"hash"`
}

// appendFill packs pages of buckets whose keys only grow (audit, index
// numbers, attachment chunks); bbolt's default of half-full pages suits random keys.
const appendFill = 0.95

func seqKey(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func auditAAD(key []byte) []byte { return append([]byte("audit\x00"), key...) }

// Audit appends an entry for the current actor at the transaction's time.
func (tx *Tx) Audit(action, typ, id, detail string) error {
	return tx.auditAt(tx.now, action, typ, id, detail)
}

// auditAt appends an entry with an explicit time (failed unlocks are recorded later).
func (tx *Tx) auditAt(t time.Time, action, typ, id, detail string) error {
	head, err := tx.readAuditHead()
	if err != nil {
		return err
	}
	e := &AuditEntry{Seq: head.Seq + 1, Time: t.UTC(), Actor: tx.v.opts.Actor, Machine: tx.v.header().Machine,
		Action: action, Type: typ, ID: id, Detail: detail, Prev: head.Hash}
	b, _ := json.Marshal(e)
	key := seqKey(e.Seq)
	ab := tx.btx.Bucket(bucketAudit)
	ab.FillPercent = appendFill
	if err := ab.Put(key, seal(tx.v.k.record, auditAAD(key), b)); err != nil {
		return err
	}
	return tx.writeAuditHead(auditHead{Seq: e.Seq, Hash: e.Hash()})
}

func (tx *Tx) readAuditHead() (auditHead, error) {
	var h auditHead
	sealed := tx.btx.Bucket(bucketMeta).Get(keyAuditHead)
	if sealed == nil {
		return auditHead{Hash: make([]byte, sha256.Size)}, nil
	}
	pt, err := open(tx.v.k.record, auditAAD(keyAuditHead), sealed)
	if err != nil || json.Unmarshal(pt, &h) != nil {
		return h, fmt.Errorf("%w: audit head", ErrCorrupt)
	}
	return h, nil
}

func (tx *Tx) writeAuditHead(h auditHead) error {
	b, _ := json.Marshal(h)
	return tx.btx.Bucket(bucketMeta).Put(keyAuditHead, seal(tx.v.k.record, auditAAD(keyAuditHead), b))
}

// AuditEntries calls fn for every entry in order. It stops at the first entry
// that does not decrypt; use VerifyAudit to check the chain.
func (tx *Tx) AuditEntries(fn func(*AuditEntry) error) error {
	b, err := tx.bucket(bucketAudit)
	if err != nil {
		return err
	}
	return b.ForEach(func(k, v []byte) error {
		e, err := tx.decodeAudit(k, v)
		if err != nil {
			return err
		}
		return fn(e)
	})
}

func (tx *Tx) decodeAudit(k, v []byte) (*AuditEntry, error) {
	pt, err := open(tx.v.k.record, auditAAD(k), v)
	if err != nil {
		return nil, fmt.Errorf("%w: audit entry %x does not authenticate", ErrCorrupt, k)
	}
	var e AuditEntry
	if err := json.Unmarshal(pt, &e); err != nil {
		return nil, fmt.Errorf("%w: audit entry %x: %v", ErrCorrupt, k, err)
	}
	return &e, nil
}

// VerifyAudit walks the whole chain and returns every break it finds: an
// entry that does not authenticate, a gap or reordering in the sequence, a
// Prev that does not match, or a head that does not point at the last entry.
// It returns the number of entries checked.
func (tx *Tx) VerifyAudit() (int, []Problem) {
	var probs []Problem
	b, err := tx.bucket(bucketAudit)
	if err != nil {
		return 0, []Problem{{Area: "audit", What: err.Error()}}
	}
	prev, want, n := make([]byte, sha256.Size), uint64(1), 0
	_ = b.ForEach(func(k, v []byte) error {
		n++
		e, err := tx.decodeAudit(k, v)
		switch {
		case err != nil:
			probs = append(probs, Problem{Area: "audit", What: err.Error()})
			prev = nil
		case e.Seq != want || !bytes.Equal(k, seqKey(e.Seq)):
			probs = append(probs, Problem{Area: "audit", What: fmt.Sprintf("entry %d found where %d was expected (deleted or reordered)", e.Seq, want)})
		case prev != nil && !bytes.Equal(e.Prev, prev):
			probs = append(probs, Problem{Area: "audit", What: fmt.Sprintf("entry %d does not chain to entry %d (edited)", e.Seq, e.Seq-1)})
		}
		if e != nil {
			prev, want = e.Hash(), e.Seq+1
		} else {
			want++
		}
		return nil
	})
	head, err := tx.readAuditHead()
	switch {
	case err != nil:
		probs = append(probs, Problem{Area: "audit", What: err.Error()})
	case head.Seq != want-1 || (prev != nil && !bytes.Equal(head.Hash, prev)):
		probs = append(probs, Problem{Area: "audit", What: fmt.Sprintf("chain head points at entry %d but the trail ends at %d (entries removed)", head.Seq, want-1)})
	}
	return n, probs
}
