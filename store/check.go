package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Problem is one thing Check found wrong. Area is one of "file", "records",
// "index", "audit", "attachments".
type Problem struct {
	Area string `json:"area"`
	What string `json:"what"`
}

// Report is what Check found. A vault is healthy when Problems is empty.
type Report struct {
	Records      int       `json:"records"`
	Postings     int       `json:"postings"`
	AuditEntries int       `json:"audit_entries"`
	Attachments  int       `json:"attachments"`
	Problems     []Problem `json:"problems"`
}

// OK reports whether no problem was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) add(area, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{Area: area, What: fmt.Sprintf(format, args...)})
}

// CheckOptions narrow a check.
type CheckOptions struct {
	// SkipContent checks that every chunk of every attachment is present
	// without decrypting it: the check stays fast however many gigabytes the
	// attachments hold. Records, index, audit chain and bbolt are checked fully.
	SkipContent bool
}

// Check verifies the whole vault: bbolt's own consistency, that every record,
// index entry, audit entry and attachment chunk decrypts and authenticates,
// that the audit chain is unbroken, and that the index matches the records.
// It reports every problem it finds and never panics on a damaged file.
func (v *Vault) Check() *Report { return v.CheckWith(CheckOptions{}) }

// CheckWith is Check with options.
func (v *Vault) CheckWith(o CheckOptions) *Report {
	rep := &Report{}
	attachments := checkAttachments
	if o.SkipContent {
		attachments = checkAttachmentKeys
	}
	err := v.View(func(tx *Tx) error {
		for _, step := range []func(*Tx, *Report){checkRecordsAndIndex, checkAudit, attachments} {
			guarded(tx, rep, step)
		}
		// bbolt's own check walks the pages in a goroutine of its own, where a
		// fault cannot be caught: run it only once the steps above have read
		// every page of every bucket here without one.
		if !rep.hasArea("file") {
			guarded(tx, rep, checkBolt)
		}
		return nil
	})
	if err != nil {
		rep.add("file", "%v", err)
	}
	return rep
}

func (r *Report) hasArea(area string) bool {
	for _, p := range r.Problems {
		if p.Area == area {
			return true
		}
	}
	return false
}

// guarded runs one check step, turning a panic or fault on damaged pages into
// a problem.
func guarded(tx *Tx, rep *Report, step func(*Tx, *Report)) {
	defer guardFaults()()
	defer func() {
		if r := recover(); r != nil {
			rep.add("file", "damaged page: %v", r)
		}
	}()
	step(tx, rep)
}

func checkBolt(tx *Tx, rep *Report) {
	for err := range tx.btx.Check() {
		rep.add("file", "%v", err)
	}
	for _, b := range allBuckets {
		if tx.btx.Bucket(b) == nil {
			rep.add("file", "bucket %q is missing", b)
		}
	}
}

// indexSum is an order-independent digest of a set of (token, doc) pairs, so
// the index can be compared with the records without holding either in memory.
type indexSum struct {
	n   int
	sum uint64
}

func (s *indexSum) add(tok []byte, doc uint32) {
	x := binary.BigEndian.Uint64(tok[:8]) ^ (uint64(doc) * 0x9E3779B97F4A7C15)
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	s.n++
	s.sum += x
}

func checkRecordsAndIndex(tx *Tx, rep *Report) {
	var want, have indexSum
	recs, docs := tx.btx.Bucket(bucketRec), tx.btx.Bucket(bucketDocs)
	if recs == nil || docs == nil || tx.btx.Bucket(bucketIdx) == nil {
		return
	}
	_ = recs.ForEach(func(k, val []byte) error {
		rep.Records++
		r, err := tx.v.k.decodeRecord(k, val)
		if err != nil {
			rep.add("records", "%v", err)
			return nil
		}
		if got := docs.Get(docKey(r.Doc)); string(got) != string(k) {
			rep.add("index", "record %s has index number %d, which points elsewhere", printableKey(k), r.Doc)
		}
		for g := range gramsOf(textOf(r.Data)) {
			want.add(tx.v.k.token(g), r.Doc)
		}
		return nil
	})
	checkPostings(tx, rep, docs, &have)
	if want != have {
		rep.add("index", "search index does not match the records (%d entries expected, %d found); run check --repair", want.n, have.n)
	}
}

func checkPostings(tx *Tx, rep *Report, docs *bolt.Bucket, have *indexSum) {
	_ = tx.btx.Bucket(bucketIdx).ForEach(func(k, val []byte) error {
		rep.Postings++
		if len(k) != tokenSize+4 {
			rep.add("index", "malformed index key %x", k)
			return nil
		}
		offs, err := tx.readPosting(k, val)
		if err != nil {
			rep.add("index", "%v", err)
			return nil
		}
		chunk := binary.BigEndian.Uint32(k[tokenSize:])
		for _, o := range offs {
			d := chunk*chunkDocs + uint32(o)
			if docs.Get(docKey(d)) == nil {
				rep.add("index", "index entry %x names record number %d, which does not exist", k[:4], d)
			}
			have.add(k[:tokenSize], d)
		}
		return nil
	})
}

func checkAudit(tx *Tx, rep *Report) {
	n, probs := tx.VerifyAudit()
	rep.AuditEntries = n
	rep.Problems = append(rep.Problems, probs...)
}

// checkAttachmentKeys checks that every chunk of every attachment is present,
// without reading its content, and reports stray chunks.
func checkAttachmentKeys(tx *Tx, rep *Report) {
	b := tx.btx.Bucket(bucketAtt)
	if b == nil {
		return
	}
	_ = tx.List(TypeAttachment, func(r *Record) error {
		rep.Attachments++
		a, err := AttachmentOf(r)
		if err != nil {
			rep.add("attachments", "%v", err)
			return nil
		}
		for i := uint32(0); i < a.Chunks; i++ {
			if b.Get(chunkKey(r.ID, i)) == nil {
				rep.add("attachments", "attachment %s: chunk %d missing", r.ID, i)
				break
			}
		}
		return nil
	})
}

// checkAttachments decrypts every chunk of every attachment and compares
// sizes and hashes; it also reports chunks that belong to no attachment.
func checkAttachments(tx *Tx, rep *Report) {
	att := tx.btx.Bucket(bucketAtt)
	if att == nil {
		return
	}
	_ = tx.List(TypeAttachment, func(r *Record) error {
		rep.Attachments++
		if err := tx.verifyAttachment(r); err != nil {
			rep.add("attachments", "attachment %s: %v", r.ID, err)
		}
		return nil
	})
	_ = att.ForEach(func(k, _ []byte) error {
		id, _, ok := splitChunkKey(k)
		if !ok || tx.btx.Bucket(bucketRec).Get(recKey(TypeAttachment, id)) == nil {
			rep.add("attachments", "stray attachment chunk %x (an interrupted write; removed at next unlock)", k)
		}
		return nil
	})
}
