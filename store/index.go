package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
)

// The search index maps opaque tokens to sealed posting lists.
//
// A token is HMAC-SHA256(index key, n-gram) cut to 16 bytes, so the disk holds
// no n-gram and no unkeyed hash of one. Postings are split by chunks of
// chunkDocs index numbers; each (token, chunk) value is a sealed, padded list
// of offsets inside the chunk, so an edit rewrites only small values.
// What the file still reveals: how many distinct tokens exist and, roughly
// (padded to powers of two), how many records share a token in each chunk.

const (
	tokenSize = 16
	chunkDocs = 16384 // index numbers per posting chunk
	bitmapLen = chunkDocs / 8
)

// token derives the opaque index token of a gram.
func (k *keys) token(gram string) []byte {
	m := hmac.New(sha256.New, k.index)
	m.Write([]byte(gram))
	return m.Sum(nil)[:tokenSize]
}

func postingKey(tok []byte, chunk uint32) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(nil), tok...), chunk)
}

func postingAAD(key []byte) []byte { return append([]byte("idx\x00"), key...) }

// reindex moves the index from old's text to nu's text (either may be nil).
func (tx *Tx) reindex(old, nu *Record) error {
	var before, after map[string]struct{}
	if old != nil {
		before = gramsOf(textOf(old.Data))
	}
	if nu != nil {
		after = gramsOf(textOf(nu.Data))
	}
	for g := range before {
		if _, keep := after[g]; !keep {
			if err := tx.updatePosting(g, old.Doc, false); err != nil {
				return err
			}
		}
	}
	for g := range after {
		if _, had := before[g]; !had {
			if err := tx.updatePosting(g, nu.Doc, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// updatePosting adds or removes one index number under a gram's token. The
// change is made to a decoded copy kept in the transaction; flushPostings
// seals and writes each touched posting once, before commit. A bulk insert of
// thousands of records thus rewrites each posting once, not once per record.
func (tx *Tx) updatePosting(gram string, doc uint32, add bool) error {
	key := string(postingKey(tx.v.k.token(gram), doc/chunkDocs))
	p, ok := tx.postings[key]
	if !ok {
		offs, err := tx.readPosting([]byte(key), tx.btx.Bucket(bucketIdx).Get([]byte(key)))
		if err != nil {
			return err
		}
		p = &posting{offs: offs}
		if tx.postings == nil {
			tx.postings = map[string]*posting{}
		}
		tx.postings[key] = p
	}
	off := uint16(doc % chunkDocs)
	i, found := slices.BinarySearch(p.offs, off)
	switch {
	case add && !found:
		p.offs = slices.Insert(p.offs, i, off)
	case !add && found:
		p.offs = slices.Delete(p.offs, i, i+1)
	default:
		return nil
	}
	p.dirty = true
	return nil
}

// posting is a decoded posting list being changed inside a transaction.
type posting struct {
	offs  []uint16
	dirty bool
}

// flushPostings writes every changed posting. Update calls it before commit;
// Search calls it so that a search inside an Update sees the transaction's
// own writes.
func (tx *Tx) flushPostings() error {
	b := tx.btx.Bucket(bucketIdx)
	for key, p := range tx.postings {
		if !p.dirty {
			continue
		}
		k := []byte(key)
		var err error
		if len(p.offs) == 0 {
			err = b.Delete(k)
		} else {
			err = b.Put(k, seal(tx.v.k.record, postingAAD(k), encodePosting(p.offs)))
		}
		if err != nil {
			return err
		}
		p.dirty = false
	}
	return nil
}

func (tx *Tx) readPosting(key, sealed []byte) ([]uint16, error) {
	if sealed == nil {
		return nil, nil
	}
	pt, err := open(tx.v.k.record, postingAAD(key), sealed)
	if err != nil {
		return nil, fmt.Errorf("%w: index entry %x", ErrCorrupt, key)
	}
	offs, err := decodePosting(pt)
	if err != nil {
		return nil, fmt.Errorf("%w: index entry %x: %v", ErrCorrupt, key, err)
	}
	return offs, nil
}

// encodePosting writes sorted offsets as a list (tag 0) or, when denser, a
// bitmap (tag 1), then pads to a power of two so sizes say less.
func encodePosting(offs []uint16) []byte {
	var out []byte
	if 2*len(offs) < bitmapLen {
		out = make([]byte, 3, 3+2*len(offs))
		out[0] = 0
		binary.LittleEndian.PutUint16(out[1:], uint16(len(offs)))
		for _, o := range offs {
			out = binary.LittleEndian.AppendUint16(out, o)
		}
	} else {
		out = make([]byte, 1+bitmapLen)
		out[0] = 1
		for _, o := range offs {
			out[1+o/8] |= 1 << (o % 8)
		}
	}
	size := 32
	for size < len(out) {
		size *= 2
	}
	return append(out, make([]byte, size-len(out))...)
}

// decodePosting is the inverse of encodePosting. It never trusts a count
// beyond the bytes present.
func decodePosting(b []byte) ([]uint16, error) {
	if len(b) < 1 {
		return nil, fmt.Errorf("empty posting")
	}
	switch b[0] {
	case 0:
		if len(b) < 3 {
			return nil, fmt.Errorf("short posting")
		}
		n := int(binary.LittleEndian.Uint16(b[1:]))
		if 3+2*n > len(b) {
			return nil, fmt.Errorf("posting count %d exceeds its size", n)
		}
		offs := make([]uint16, n)
		for i := range offs {
			offs[i] = binary.LittleEndian.Uint16(b[3+2*i:])
			if i > 0 && offs[i] <= offs[i-1] {
				return nil, fmt.Errorf("posting not sorted")
			}
		}
		return offs, nil
	case 1:
		if len(b) < 1+bitmapLen {
			return nil, fmt.Errorf("short bitmap")
		}
		var offs []uint16
		for i, byt := range b[1 : 1+bitmapLen] {
			for byt != 0 {
				bit := bits.TrailingZeros8(byt)
				offs = append(offs, uint16(i*8+bit))
				byt &= byt - 1
			}
		}
		return offs, nil
	}
	return nil, fmt.Errorf("unknown posting kind %d", b[0])
}
