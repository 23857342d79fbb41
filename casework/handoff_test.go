package casework

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/export/handoff"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// handService opens a fresh vault for actor in t.TempDir(); at cleanup
// the vault is checked in full and closed.
func handService(t *testing.T, actor string) *Service {
	t.Helper()
	p := store.FastKDF()
	v, _, err := store.Create(filepath.Join(t.TempDir(), "vault"), []byte("qingfeng-test-2026"), &store.Options{KDF: &p, Actor: actor})
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

// handTrail returns every audit entry of s.
func handTrail(t *testing.T, s *Service) []store.AuditEntry {
	t.Helper()
	var out []store.AuditEntry
	if err := s.Vault().View(func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error { out = append(out, *e); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// handState is what a dry run must leave as it was: every record and the
// audit head.
func handState(t *testing.T, s *Service) string {
	t.Helper()
	d, err := s.Vault().RecordsDigest()
	if err != nil {
		t.Fatal(err)
	}
	trail := handTrail(t, s)
	return hex.EncodeToString(d) + hex.EncodeToString(trail[len(trail)-1].Hash())
}

// handLast checks the newest audit entries of s, oldest first, as
// "action type/id detail".
func handLast(t *testing.T, s *Service, want ...string) {
	t.Helper()
	trail := handTrail(t, s)
	if len(trail) < len(want) {
		t.Fatalf("%d audit entries, want at least %d", len(trail), len(want))
	}
	for i, w := range want {
		e := trail[len(trail)-len(want)+i]
		if got := e.Action + " " + e.Type + "/" + e.ID + " " + e.Detail; got != w {
			t.Errorf("audit entry %d from the end: %q, want %q", len(want)-i, got, w)
		}
	}
}

// handPair is two services that exchanged keys, a holding one case.
func handPair(t *testing.T) (a, b *Service, caseID string) {
	a, b = handService(t, "甲承办人"), handService(t, "乙承办人")
	for _, x := range []struct {
		s    *Service
		name string
	}{{a, "甲"}, {b, "乙"}} {
		if _, err := x.s.Keygen(x.name, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range [][2]*Service{{a, b}, {b, a}} {
		self, err := p[1].Self()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p[0].AddContact(self.Contact().String(), ""); err != nil {
			t.Fatal(err)
		}
	}
	return a, b, handCase(t, a)
}

// handCase opens a case with a lead and a subject in s.
func handCase(t *testing.T, s *Service) string {
	t.Helper()
	var id string
	err := s.Vault().Update(func(tx *store.Tx) error {
		sub := &model.Subject{Name: "王䶮"}
		if err := dossier.AddSubject(tx, sub); err != nil {
			return err
		}
		l := &model.Lead{Source: model.SourcePetition, Received: model.MustDate("2024-06-01"),
			Summary: "反映王䶮问题", Category: model.CategoryIntegrity, SubjectIDs: []string{sub.ID}}
		if err := dossier.AddLead(tx, l, "登记员"); err != nil {
			return err
		}
		c, err := dossier.OpenCase(tx, l.ID, model.CaseKinds[0], model.MustDate("2024-06-02"), "承办人")
		if c != nil {
			id = c.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func handRetitle(t *testing.T, s *Service, id, title string) {
	t.Helper()
	err := s.Vault().Update(func(tx *store.Tx) error {
		_, err := dossier.EditCase(tx, id, func(c *model.Case) error { c.Title = title; return nil })
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHandoffKeysAndContacts(t *testing.T) {
	s, other := handService(t, "纪检组䶮"), handService(t, "乙")
	if k, err := s.Keys(); err != nil || k.Self != nil || len(k.Contacts) != 0 {
		t.Fatalf("keys of a new vault: %+v %v", k, err)
	}
	if _, err := s.Self(); !errors.Is(err, handoff.ErrNoIdentity) {
		t.Fatalf("self without a key: %v", err)
	}
	self, err := s.Keygen("", false)
	if err != nil || self.Name != "纪检组䶮" {
		t.Fatalf("keygen: %+v %v", self, err)
	}
	handLast(t, s, "create identity/self ")
	if _, err := s.Keygen("", false); !errors.Is(err, handoff.ErrIdentityExists) {
		t.Fatalf("keygen twice: %v", err)
	}
	again, err := s.Keygen("新名称", true)
	if err != nil || again.Contact().Fingerprint() == self.Contact().Fingerprint() {
		t.Fatalf("replacing keygen: %v", err)
	}
	handLast(t, s, "edit identity/self ")
	oself, _ := other.Keygen("乙方", false)
	c, err := s.AddContact(oself.Contact().String(), "乙方（核对过）")
	if err != nil || c.Name != "乙方（核对过）" || c.Fingerprint() != oself.Contact().Fingerprint() {
		t.Fatalf("add contact: %+v %v", c, err)
	}
	f := c.Fingerprint()
	handLast(t, s, "create contact/"+hex.EncodeToString(f[:])+" ")
	if _, err := s.AddContact(oself.Contact().String(), ""); !errors.Is(err, handoff.ErrContactExists) {
		t.Fatalf("the same contact twice: %v", err)
	}
	if k, err := s.Keys(); err != nil || k.Self.Name != "新名称" || len(k.Contacts) != 1 || k.Contacts[0].Name != "乙方（核对过）" {
		t.Fatalf("keys: %+v %v", k, err)
	}
	if _, err := s.RemoveContact("乙方（核对过）"); err != nil {
		t.Fatal(err)
	}
	handLast(t, s, "delete contact/"+hex.EncodeToString(f[:])+" ")
	if cs, err := s.Contacts(); err != nil || len(cs) != 0 {
		t.Fatalf("contacts after remove: %v %v", cs, err)
	}
	if _, err := s.RemoveContact("乙方（核对过）"); !errors.Is(err, handoff.ErrNoContact) {
		t.Fatalf("remove twice: %v", err)
	}
}

func TestHandoffAgeKey(t *testing.T) {
	s := handService(t, "甲")
	dir := t.TempDir()
	key := filepath.Join(dir, "key.txt")
	if err := s.AgeKey(key); !errors.Is(err, handoff.ErrNoIdentity) {
		t.Fatalf("age key without a key: %v", err)
	}
	self, _ := s.Keygen("", false)
	before := len(handTrail(t, s))
	if err := s.AgeKey(filepath.Join(dir, "no such folder", "key.txt")); err == nil || len(handTrail(t, s)) != before {
		t.Fatalf("an unwritable key file: %v, %d entries (%d before)", err, len(handTrail(t, s)), before)
	}
	if err := s.AgeKey(key); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(key)
	st, _ := os.Stat(key)
	if err != nil || string(b) != self.Identity.AgeSecretKey()+"\n" || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file %q (%v), mode %v", b, err, st.Mode())
	}
	handLast(t, s, "save_plaintext_copy identity/self age secret key -> "+key)
	if names, _ := os.ReadDir(dir); len(names) != 1 {
		t.Fatalf("folder holds %v", names)
	}
}

// TestHandoffExportImport: the export is checked before any file, written
// and audited once per dossier; the dry run of the import reports what the
// import then does and changes nothing; the import is audited.
func TestHandoffExportImport(t *testing.T) {
	a, b, id := handPair(t)
	out := filepath.Join(t.TempDir(), "交接.qfb")
	for _, c := range []struct {
		req  ExportRequest
		want error
	}{
		{ExportRequest{Dossiers: []string{id}}, handoff.ErrRecipients},
		{ExportRequest{Dossiers: []string{id}, To: []string{"丙"}}, handoff.ErrNoContact},
		{ExportRequest{Dossiers: []string{"nosuch"}, To: []string{"乙"}}, handoff.ErrNoDossier},
	} {
		if err := a.CheckExport(c.req); !errors.Is(err, c.want) {
			t.Errorf("CheckExport(%+v): %v, want %v", c.req, err, c.want)
		}
	}
	if err := handService(t, "丁").CheckExport(ExportRequest{Dossiers: []string{id}, Passphrase: "口令口令口令口令"}); !errors.Is(err, handoff.ErrNoIdentity) {
		t.Fatalf("CheckExport without a key: %v", err)
	}
	req := ExportRequest{Dossiers: []string{id}, To: []string{"乙"}}
	if err := a.CheckExport(req); err != nil {
		t.Fatal(err)
	}
	var phases []handoff.Phase
	res, err := a.Export(context.Background(), req, out, func(p handoff.Phase, _, _ int64) {
		if len(phases) == 0 || phases[len(phases)-1] != p {
			phases = append(phases, p)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(phaseNames(phases), ","); !strings.HasSuffix(got, "read_back,hash") {
		t.Errorf("export phases %v", phases)
	}
	detail, _ := json.Marshal(map[string]any{"file": out, "sha256": res.SHA256, "dossiers": res.Dossiers,
		"to": res.To, "records": res.Records, "attachments": 0, "audit_entries": res.AuditEntries})
	handLast(t, a, "export case/"+id+" "+string(detail))

	before := handState(t, b)
	pre, err := b.Import(context.Background(), out, ImportRequest{DryRun: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if handState(t, b) != before {
		t.Fatal("the dry run changed the vault")
	}
	got, err := b.Import(context.Background(), out, ImportRequest{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pre.DryRun = false
	pj, _ := json.Marshal(pre)
	gj, _ := json.Marshal(got)
	if !bytes.Equal(pj, gj) || got.Counts[store.MergeAdded] != 3 {
		t.Fatalf("dry run %s\nimport  %s", pj, gj)
	}
	trail := handTrail(t, b)
	if e := trail[len(trail)-1]; e.Action != store.ActionImport || e.Type != "bundle" || e.ID != res.SHA256 {
		t.Fatalf("import audit %+v", e)
	}
	var c *model.Case
	if err := b.Vault().View(func(tx *store.Tx) (err error) { c, err = dossier.GetCase(tx, id); return err }); err != nil || c.ID != id {
		t.Fatalf("imported case: %v", err)
	}
}

func phaseNames(ps []handoff.Phase) []string {
	var out []string
	for _, p := range ps {
		out = append(out, string(p))
	}
	return out
}

// TestHandoffExportCancelled: a cancelled export leaves no file and says
// so in the audit trail, not as an export of the dossier.
func TestHandoffExportCancelled(t *testing.T) {
	a, _, id := handPair(t)
	out := filepath.Join(t.TempDir(), "取消.qfb")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Export(ctx, ExportRequest{Dossiers: []string{id}, To: []string{"乙"}}, out, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	if names, _ := os.ReadDir(filepath.Dir(out)); len(names) != 0 {
		t.Fatalf("a cancelled export left %v", names)
	}
	handLast(t, a, "export bundle/ cancelled, nothing written: "+out)
}

// TestHandoffConflicts: both sides change the case; the import keeps both
// versions; listing them is audited; resolving takes the side chosen, or
// the data given, and is audited.
func TestHandoffConflicts(t *testing.T) {
	a, b, id := handPair(t)
	send := func() string {
		out := filepath.Join(t.TempDir(), "a.qfb")
		if _, err := a.Export(context.Background(), ExportRequest{Dossiers: []string{id}, To: []string{"乙"}}, out, nil); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if _, err := b.Import(context.Background(), send(), ImportRequest{}, nil); err != nil {
		t.Fatal(err)
	}
	if cs, err := b.Conflicts(); err != nil || len(cs) != 0 {
		t.Fatalf("conflicts before: %v %v", cs, err)
	}
	handLast(t, b, "view conflict/ conflicts list: 0")
	handRetitle(t, a, id, "甲方改的标题")
	handRetitle(t, b, id, "乙方改的标题")
	rep, err := b.Import(context.Background(), send(), ImportRequest{}, nil)
	if err != nil || rep.Counts[store.MergeConflict] != 1 {
		t.Fatalf("second import: %+v %v", rep, err)
	}
	cs, err := b.Conflicts()
	if err != nil || len(cs) != 1 || cs[0].ID != id || !strings.Contains(string(cs[0].Remote.Data), "甲方改的标题") {
		t.Fatalf("conflicts: %+v %v", cs, err)
	}
	handLast(t, b, "view conflict/ conflicts list: 1")
	if err := b.Resolve(model.TypeCase, id, handoff.Side("neither")); err == nil {
		t.Fatal("resolved with no side")
	}
	if err := b.Resolve(model.TypeCase, id, handoff.Remote); err != nil {
		t.Fatal(err)
	}
	handLast(t, b, "delete conflict/case."+id+" ", "resolve case/"+id+" ")
	var c *model.Case
	b.Vault().View(func(tx *store.Tx) (err error) { c, err = dossier.GetCase(tx, id); return err })
	if c.Title != "甲方改的标题" {
		t.Fatalf("resolved title %q", c.Title)
	}
	if err := b.ResolveWith(model.TypeCase, id, cs[0].Local.Data); !errors.Is(err, store.ErrNoConflict) {
		t.Fatalf("resolving a settled conflict: %v", err)
	}
	// The data given: here b's own version again, after a new conflict.
	handRetitle(t, a, id, "甲方再改")
	handRetitle(t, b, id, "乙方再改")
	if _, err := b.Import(context.Background(), send(), ImportRequest{}, nil); err != nil {
		t.Fatal(err)
	}
	cs, _ = b.Conflicts()
	if err := b.ResolveWith(model.TypeCase, id, json.RawMessage(`{"title":1}`)); !errors.Is(err, handoff.ErrBadRecord) {
		t.Fatalf("resolving with bad data: %v", err)
	}
	if err := b.ResolveWith(model.TypeCase, id, cs[0].Local.Data); err != nil {
		t.Fatal(err)
	}
	b.Vault().View(func(tx *store.Tx) (err error) { c, err = dossier.GetCase(tx, id); return err })
	if c.Title != "乙方再改" {
		t.Fatalf("resolved with local data: %q", c.Title)
	}
	handLast(t, b, "delete conflict/case."+id+" ", "resolve case/"+id+" ")
}
