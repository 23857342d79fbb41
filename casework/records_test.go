package casework

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/store"
	"qingfeng/store/model"
)

// recService opens a fresh vault in t.TempDir() and returns the service on
// it; at cleanup the vault is checked in full and closed.
func recService(t *testing.T) *Service {
	t.Helper()
	p := store.FastKDF()
	dir := filepath.Join(t.TempDir(), "vault")
	v, _, err := store.Create(dir, []byte("qingfeng-test-2026"), &store.Options{KDF: &p, Actor: "测试员"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if rep := v.Check(); !rep.OK() {
			t.Errorf("vault check after the test: %+v", rep.Problems)
		}
		v.Close()
	})
	return New(v)
}

// recLastAudit returns the newest audit entry.
func recLastAudit(t *testing.T, s *Service) store.AuditEntry {
	t.Helper()
	lines, err := s.AuditTrail(context.Background())
	if err != nil || len(lines) == 0 {
		t.Fatalf("audit trail: %d entries, %v", len(lines), err)
	}
	return lines[len(lines)-1].AuditEntry
}

// recWant checks an audit entry's action, record and detail.
func recWant(t *testing.T, e store.AuditEntry, action, typ, id, detail string) {
	t.Helper()
	if e.Action != action || e.Type != typ || e.ID != id || e.Detail != detail || e.Actor != "测试员" {
		t.Errorf("audit entry %+v, want %s %s/%s %q by 测试员", e, action, typ, id, detail)
	}
}

func TestDossierAddShowEditDelete(t *testing.T) {
	s := recService(t)
	r, err := s.AddDossier([]byte("  {\"title\":\"关于王䶮违规收受礼金问题\",\"number\":\"XS〔2026〕15号\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Rev != 1 || r.Type != TypeDossier || string(r.Data) != `{"title":"关于王䶮违规收受礼金问题","number":"XS〔2026〕15号"}` {
		t.Fatalf("added %+v (%s)", r, r.Data)
	}
	recWant(t, recLastAudit(t, s), store.ActionCreate, TypeDossier, r.ID, "")

	got, err := s.ShowRecord(TypeDossier, r.ID)
	if err != nil || got.Rev != 1 || !strings.Contains(string(got.Data), "王䶮") {
		t.Fatalf("show: %+v %v", got, err)
	}
	recWant(t, recLastAudit(t, s), store.ActionView, TypeDossier, r.ID, "")

	ed, err := s.EditDossier(r.ID, 1, []byte(`{"title":"关于王䶮违规收受礼金问题（已初核）"}`))
	if err != nil || ed.Rev != 2 {
		t.Fatalf("edit at rev 1: %+v %v", ed, err)
	}
	recWant(t, recLastAudit(t, s), store.ActionEdit, TypeDossier, r.ID, "")
	if _, err := s.EditDossier(r.ID, 1, []byte(`{"title":"过时的修改"}`)); !errors.Is(err, store.ErrRevisionMismatch) {
		t.Fatalf("edit based on rev 1 after rev 2: %v", err)
	}
	if ed, err = s.EditDossier(r.ID, 0, []byte(`{"title":"按当前版本修改"}`)); err != nil || ed.Rev != 3 {
		t.Fatalf("edit at the stored rev: %+v %v", ed, err)
	}
	if got, _ = s.ShowRecord(TypeDossier, r.ID); !strings.Contains(string(got.Data), "按当前版本修改") {
		t.Errorf("stored after edits: %s", got.Data)
	}

	list, err := s.Dossiers()
	if err != nil || len(list) != 1 || list[0].ID != r.ID {
		t.Fatalf("list: %v %v", list, err)
	}
	recWant(t, recLastAudit(t, s), store.ActionView, TypeDossier, "", "list: 1")

	if err := s.DeleteDossier(r.ID); err != nil {
		t.Fatal(err)
	}
	recWant(t, recLastAudit(t, s), store.ActionDelete, TypeDossier, r.ID, "")
	if _, err := s.ShowRecord(TypeDossier, r.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("show after delete: %v", err)
	}
	if list, _ = s.Dossiers(); len(list) != 0 {
		t.Fatalf("list after delete: %d", len(list))
	}
}

// TestDossierBadBodiesStoreNothing: a body that is not one JSON object
// with a title is refused and neither record nor audit entry is written.
func TestDossierBadBodiesStoreNothing(t *testing.T) {
	s := recService(t)
	r, err := s.AddDossier([]byte(`{"title":"原始案卷"}`))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.AuditTrail(context.Background())
	for _, b := range []string{`{"title":`, `[1,2]`, `{"title":""}`, `{"title":"  "}`, `{"title":7}`, `{"title":"a"} {"title":"b"}`} {
		if _, err := s.AddDossier([]byte(b)); !errors.Is(err, store.ErrInvalidRecord) {
			t.Errorf("add %s: %v", b, err)
		}
		if _, err := s.EditDossier(r.ID, 0, []byte(b)); !errors.Is(err, store.ErrInvalidRecord) {
			t.Errorf("edit %s: %v", b, err)
		}
	}
	if _, err := s.EditDossier("nosuchid", 0, []byte(`{"title":"改"}`)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("edit of a missing dossier: %v", err)
	}
	after, _ := s.AuditTrail(context.Background())
	if len(after) != len(before) {
		t.Errorf("refused bodies wrote %d audit entries", len(after)-len(before))
	}
	if got, _ := s.ShowRecord(TypeDossier, r.ID); got.Rev != 1 || string(got.Data) != `{"title":"原始案卷"}` {
		t.Errorf("record changed: %+v", got)
	}
}

// TestBrowseNamesAndStops: Browse counts first, resolves subject names and
// case handlers, audits nothing, and stops when its context is done.
func TestBrowseNamesAndStops(t *testing.T) {
	s := recService(t)
	err := s.update(func(tx *store.Tx) error {
		for _, r := range []*store.Record{
			{Type: model.TypeSubject, ID: "s1", Data: []byte(`{"name":"王䶮"}`)},
			{Type: model.TypeLead, ID: "l1", Data: []byte(`{"handler":"周某"}`)},
			{Type: model.TypeCase, ID: "c1", Data: []byte(`{"lead_id":"l1","subject_ids":["s1","nobody"]}`)},
			{Type: TypeDossier, ID: "d1", Data: []byte(`{"title":"一"}`)},
		} {
			if err := tx.Put(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.AuditTrail(context.Background())
	var total int
	var names *Names
	var seen []string
	err = s.Browse(context.Background(), []string{TypeDossier, model.TypeCase}, func(n int, nm *Names) { total, names = n, nm },
		func(r *store.Record) error { seen = append(seen, r.Type+"/"+r.ID); return nil })
	if err != nil || total != 2 || strings.Join(seen, ",") != "dossier/d1,case/c1" {
		t.Fatalf("browse: %d %v %v", total, seen, err)
	}
	if names.SubjectsOf([]string{"s1", "nobody"}) != "王䶮" || names.Handlers["l1"] != "周某" {
		t.Errorf("names %+v", names)
	}
	if after, _ := s.AuditTrail(context.Background()); len(after) != len(before) {
		t.Errorf("browsing wrote %d audit entries", len(after)-len(before))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = s.Browse(ctx, []string{TypeDossier}, func(int, *Names) {}, func(*store.Record) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("browse with a cancelled context: %v", err)
	}
}

// TestDeadlineRecord: a tracked item's deadline opens its case, else its
// lead; other deadlines open their own record.
func TestDeadlineRecord(t *testing.T) {
	s := recService(t)
	err := s.update(func(tx *store.Tx) error {
		for _, r := range []*store.Record{
			{Type: model.TypeTrackedItem, ID: "i1", Data: []byte(`{"case_id":"c1","lead_id":"l1"}`)},
			{Type: model.TypeTrackedItem, ID: "i2", Data: []byte(`{"lead_id":"l2"}`)},
		} {
			if err := tx.Put(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ rec, id, typ, want string }{
		{model.TypeTrackedItem, "i1", model.TypeCase, "c1"},
		{model.TypeTrackedItem, "i2", model.TypeLead, "l2"},
		{model.TypeTrackedItem, "gone", model.TypeTrackedItem, "gone"},
		{model.TypeCase, "c9", model.TypeCase, "c9"},
	} {
		if typ, id := s.DeadlineRecord(model.Deadline{Record: c.rec, RecordID: c.id}); typ != c.typ || id != c.want {
			t.Errorf("%s/%s opens %s/%s, want %s/%s", c.rec, c.id, typ, id, c.typ, c.want)
		}
	}
}
