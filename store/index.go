package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
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

// updatePosting adds or removes one index number under a gram's token.
func (tx *Tx) updatePosting(gram string, doc uint32, add bool) error {
	b := tx.btx.Bucket(bucketIdx)
	key := postingKey(tx.v.k.token(gram), doc/chunkDocs)
	offs, err := tx.readPosting(key, b.Get(key))
	if err != nil {
		return err
	}
	off := uint16(doc % chunkDocs)
	i, found := slices.BinarySearch(offs, off)
	switch {
	case add && !found:
		offs = slices.Insert(offs, i, off)
	case !add && found:
		offs = slices.Delete(offs, i, i+1)
	default:
		return nil
	}
	if len(offs) == 0 {
		return b.Delete(key)
	}
	return b.Put(key, seal(tx.v.k.record, postingAAD(key), encodePosting(offs)))
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
		for i := 0; i < chunkDocs; i++ {
			if b[1+i/8]&(1<<(i%8)) != 0 {
				offs = append(offs, uint16(i))
			}
		}
		return offs, nil
	}
	return nil, fmt.Errorf("unknown posting kind %d", b[0])
}
