package store

import (
	"strings"
	"testing"
)

func TestCheckFindsIndexDriftAndReindexRepairs(t *testing.T) {
	v := newVault(t)
	r := put(t, v, "dossier", map[string]any{"title": "索引漂移测试"})
	// Remove one posting behind the store's back.
	v.Update(func(tx *Tx) error {
		k := postingKey(tx.v.k.token("漂移"), r.Doc/chunkDocs)
		return tx.btx.Bucket(bucketIdx).Delete(k)
	})
	rep := v.Check()
	if rep.OK() || !strings.Contains(rep.Problems[0].What, "does not match") {
		t.Fatalf("drift not found: %+v", rep.Problems)
	}
	if err := v.Reindex(); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, v)
	if got := search(t, v, "漂移"); len(got) != 1 {
		t.Fatal("reindex did not restore the posting")
	}
}
