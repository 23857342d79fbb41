package store

import (
	"slices"
	"strings"
)

// SearchResult is the outcome of a search: the number of matching records
// and the first limit of them, newest first. When a long term had more
// candidates than the limit needed, the rest are not decrypted to confirm
// them: Total is then an upper bound and Exact is false.
type SearchResult struct {
	Total   int       `json:"total"`
	Exact   bool      `json:"exact"`
	Records []*Record `json:"records"`
}

// Search finds records whose text fields contain every white-space separated
// term of query as a substring (case and full-width folded). Terms of one or
// two characters are answered from the index exactly; longer terms are
// narrowed by the index and confirmed against the decrypted record.
// limit <= 0 means no limit.
func (tx *Tx) Search(query string, limit int) (*SearchResult, error) {
	if err := tx.flushPostings(); err != nil {
		return nil, err
	}
	terms := segments(query)
	res := &SearchResult{Exact: true}
	if len(terms) == 0 {
		return res, nil
	}
	var cand []uint32
	verify := false
	for i, t := range terms {
		docs, err := tx.termDocs(t)
		if err != nil {
			return nil, err
		}
		verify = verify || len(t) > 2
		if i == 0 {
			cand = docs
		} else {
			cand = intersect(cand, docs)
		}
	}
	slices.Reverse(cand)
	return res, tx.collect(res, cand, terms, verify, limit)
}

// collect loads candidate records, confirming long terms when needed.
func (tx *Tx) collect(res *SearchResult, cand []uint32, terms [][]rune, verify bool, limit int) error {
	docs := tx.btx.Bucket(bucketDocs)
	for i, d := range cand {
		want := limit <= 0 || len(res.Records) < limit
		if !want {
			res.Total += len(cand) - i
			res.Exact = !verify
			return nil
		}
		key := docs.Get(docKey(d))
		if key == nil {
			continue // tolerated here; check reports dangling postings
		}
		typ, id, _ := splitRecKey(key)
		r, err := tx.Get(typ, id)
		if err != nil {
			return err
		}
		if verify && !matchesAll(r, terms) {
			continue
		}
		res.Total++
		if want {
			res.Records = append(res.Records, r)
		}
	}
	return nil
}

// matchesAll confirms that every term occurs inside one string of the record.
func matchesAll(r *Record, terms [][]rune) bool {
	texts := textOf(r.Data)
	for i := range texts {
		texts[i] = normalize(texts[i])
	}
	for _, t := range terms {
		term, ok := string(t), false
		for _, s := range texts {
			if strings.Contains(s, term) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// termDocs returns the sorted index numbers that may contain term: exactly
// for one or two runes, a superset for longer terms.
func (tx *Tx) termDocs(term []rune) ([]uint32, error) {
	if len(term) == 1 {
		return tx.gramDocs(string(term))
	}
	var out []uint32
	seen := map[string]bool{}
	for i := 0; i+1 < len(term); i++ {
		g := string(term[i : i+2])
		if seen[g] {
			continue
		}
		seen[g] = true
		docs, err := tx.gramDocs(g)
		if err != nil {
			return nil, err
		}
		if len(seen) == 1 {
			out = docs
		} else {
			out = intersect(out, docs)
		}
		if len(out) == 0 {
			break
		}
	}
	return out, nil
}

// gramDocs reads every posting chunk of one gram, in index-number order.
func (tx *Tx) gramDocs(gram string) ([]uint32, error) {
	tok := tx.v.k.token(gram)
	c := tx.btx.Bucket(bucketIdx).Cursor()
	var out []uint32
	for k, v := c.Seek(tok); k != nil && hasPrefix(k, tok); k, v = c.Next() {
		if len(k) != tokenSize+4 {
			continue
		}
		offs, err := tx.readPosting(k, v)
		if err != nil {
			return nil, err
		}
		base := uint32(k[tokenSize])<<24 | uint32(k[tokenSize+1])<<16 | uint32(k[tokenSize+2])<<8 | uint32(k[tokenSize+3])
		for _, o := range offs {
			out = append(out, base*chunkDocs+uint32(o))
		}
	}
	return out, nil
}

// intersect returns the sorted intersection of two sorted lists.
func intersect(a, b []uint32) []uint32 {
	out := a[:0:0]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
