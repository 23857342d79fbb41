package casework

import (
	"context"
	"testing"

	"qingfeng/store"
)

// TestSearchIsAuditedOnce: each search is one audit entry with the query
// and its number of hits; the records come back newest first.
func TestSearchIsAuditedOnce(t *testing.T) {
	s := recService(t)
	a, err := s.AddDossier([]byte(`{"title":"某区财政局违规发放津补贴","subject":"吉𠮷"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddDossier([]byte(`{"title":"某市住建局插手工程项目"}`))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.AuditTrail(context.Background())

	res, err := s.Search("𠮷", 10)
	if err != nil || res.Total != 1 || len(res.Records) != 1 || res.Records[0].ID != a.ID {
		t.Fatalf("search 𠮷: %+v %v", res, err)
	}
	recWant(t, recLastAudit(t, s), store.ActionSearch, "", "", `"𠮷": 1 hits`)
	res, err = s.Search("局 某", 1)
	if err != nil || res.Total != 2 || len(res.Records) != 1 || res.Records[0].ID != b.ID {
		t.Fatalf("search 局 某, limit 1: %+v %v", res, err)
	}
	recWant(t, recLastAudit(t, s), store.ActionSearch, "", "", `"局 某": 2 hits`)
	if res, _ = s.Search("纪委", 0); res.Total != 0 {
		t.Errorf("search 纪委: %d hits", res.Total)
	}
	recWant(t, recLastAudit(t, s), store.ActionSearch, "", "", `"纪委": 0 hits`)
	if after, _ := s.AuditTrail(context.Background()); len(after) != len(before)+3 {
		t.Errorf("3 searches wrote %d entries", len(after)-len(before))
	}
}
