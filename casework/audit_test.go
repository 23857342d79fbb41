package casework

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qingfeng/store"
)

// TestAuditTrailNamesRecords: the lines name the records they are about
// (as stored now; a deleted one has no name) and write JSON details out.
func TestAuditTrailNamesRecords(t *testing.T) {
	s := recService(t)
	r, err := s.AddDossier([]byte(`{"title":"关于王䶮违规收受礼金问题","number":"XS〔2026〕15号"}`))
	if err != nil {
		t.Fatal(err)
	}
	gone, err := s.AddDossier([]byte(`{"title":"已删除"}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDossier(gone.ID); err != nil {
		t.Fatal(err)
	}
	err = s.update(func(tx *store.Tx) error {
		return tx.Audit(store.ActionExport, "document", "", `{"title":"监察建议书","file":"a.pdf","copies":2,"sealed":true}`)
	})
	if err != nil {
		t.Fatal(err)
	}
	lines, err := s.AuditTrail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byAction := map[string][]AuditLine{}
	for _, l := range lines {
		if l.Type != store.TypeTombstone { // the deletion's tombstone is created too
			byAction[l.Action] = append(byAction[l.Action], l)
		}
	}
	if c := byAction[store.ActionCreate]; len(c) != 2 || c[0].ID != r.ID || c[0].Name != "XS〔2026〕15号 关于王䶮违规收受礼金问题" || c[1].Name != "" {
		t.Errorf("create lines %+v", c)
	}
	if e := byAction[store.ActionExport]; len(e) != 1 || e[0].Text != "title: 监察建议书; file: a.pdf; copies: 2; sealed: true" || e[0].Name != "" {
		t.Errorf("export line %+v", e)
	}
	if u := byAction[store.ActionCreateVault]; len(u) != 1 || lines[0].Action != store.ActionCreateVault || u[0].Text != "" {
		t.Errorf("first line %+v", lines[0])
	}
	b, _ := json.Marshal(lines[0])
	want, _ := json.Marshal(lines[0].AuditEntry)
	if string(b) != string(want) {
		t.Errorf("a line encodes as %s, want the entry %s", b, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.AuditTrail(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("trail with a cancelled context: %v", err)
	}
	if n, probs, err := s.VerifyAudit(); n != len(lines) || len(probs) != 0 || err != nil {
		t.Errorf("verify: %d entries, %v, %v", n, probs, err)
	}
}

// TestVerifyAuditFindsRemovedEntry removes the second entry from the
// vault file with bbolt itself; VerifyAudit reports the break.
func TestVerifyAuditFindsRemovedEntry(t *testing.T) {
	p := store.FastKDF()
	dir := t.TempDir()
	opts := &store.Options{KDF: &p, Actor: "测试员"}
	v, _, err := store.Create(dir, []byte("qingfeng-test-2026"), opts)
	if err != nil {
		t.Fatal(err)
	}
	s := New(v)
	for _, b := range []string{`{"title":"一"}`, `{"title":"二"}`} {
		if _, err := s.AddDossier([]byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	v.Close()
	db, err := bolt.Open(store.Path(dir), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket([]byte("audit")).Cursor()
		c.First()
		c.Next()
		return c.Delete()
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if v, err = store.Open(dir, []byte("qingfeng-test-2026"), opts); err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	n, probs, err := New(v).VerifyAudit()
	if err != nil || len(probs) == 0 || n != 3 { // create_vault, create, unlock
		t.Errorf("verify after removing an entry: %d entries, %v, %v", n, probs, err)
	}
}
