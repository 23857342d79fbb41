package casework

import (
	"fmt"

	"qingfeng/store"
)

// Search finds the records whose text contains every white-space
// separated term of query (see store.Tx.Search), newest first, at most
// limit of them (limit <= 0: all), and writes one audit entry for the
// search — the query and the number of hits — in the same transaction.
//
// One entry per search the person makes: the command line calls Search
// once per search verb; the window's search-as-you-type calls it only with
// the query the typing settles on (the one that runs after the debounce
// pause), never for every keystroke, so a typed query is audited once.
func (s *Service) Search(query string, limit int) (*store.SearchResult, error) {
	var res *store.SearchResult
	err := s.update(func(tx *store.Tx) (err error) {
		if res, err = tx.Search(query, limit); err != nil {
			return err
		}
		return tx.Audit(store.ActionSearch, "", "", searchDetail(query, res))
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// searchDetail is the audit detail of a search.
func searchDetail(query string, res *store.SearchResult) string {
	return fmt.Sprintf("%q: %d hits", query, res.Total)
}
