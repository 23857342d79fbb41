package handoff

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/export/bundle"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

func TestKeys(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	err := a.Update(func(tx *store.Tx) error { _, err := Keygen(tx, "甲", false); return err })
	if !errors.Is(err, ErrIdentityExists) {
		t.Fatalf("keygen over an identity: %v", err)
	}
	old := self(t, a).Contact()
	mustUpdate(t, a, func(tx *store.Tx) error { _, err := Keygen(tx, "甲二", true); return err })
	if nu := self(t, a).Contact(); nu.Recipient == old.Recipient || nu.Name != "甲二" {
		t.Fatal("replace did not make a new key")
	}
	introduce(t, a, b)
	cb := self(t, b).Contact()
	for _, c := range []bundle.Contact{cb, {Name: cb.Name, Recipient: old.Recipient, SigningKey: old.SigningKey}} {
		if err := a.Update(func(tx *store.Tx) error { return AddContact(tx, c) }); !errors.Is(err, ErrContactExists) {
			t.Errorf("duplicate contact: %v", err)
		}
	}
	if err := a.Update(func(tx *store.Tx) error { return AddContact(tx, self(t, a).Contact()) }); !errors.Is(err, ErrSelfContact) {
		t.Errorf("own key as contact: %v", err)
	}
	// The secret key is in no search result: the index never saw it.
	secret := self(t, a).Identity.AgeSecretKey()
	mustView(t, a, func(tx *store.Tx) error {
		for _, q := range []string{secret[:20], secret[len(secret)-12:], "SECRET"} {
			res, err := tx.Search(q, 10)
			if err != nil || res.Total != 0 {
				t.Errorf("search %q: %+v %v", q, res, err)
			}
		}
		return nil
	})
	var removed bundle.Contact
	mustUpdate(t, a, func(tx *store.Tx) (err error) { removed, err = RemoveContact(tx, "乙"); return err })
	if removed.Fingerprint() != cb.Fingerprint() {
		t.Fatal("removed the wrong contact")
	}
	if err := a.View(func(tx *store.Tx) error { _, err := FindContact(tx, "乙"); return err }); !errors.Is(err, ErrNoContact) {
		t.Fatalf("after remove: %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	path := filepath.Join(t.TempDir(), "案卷 䶮𠮷喆.qfb")
	var phases []Phase
	res, err := Export(context.Background(), a, path, ExportOptions{Dossiers: []string{f.caseID}, To: []string{"乙"},
		Progress: func(p Phase, done, total int64) {
			if len(phases) == 0 || phases[len(phases)-1] != p {
				phases = append(phases, p)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 8 || res.Attachments != 3 || res.ContentBytes != int64(len(f.bigData)+len(smallData)+len(evidenceData)) || res.AuditEntries == 0 {
		t.Fatalf("export: %+v", res)
	}
	if strings.Join(phasesOf(phases), ",") != "write,read_back,hash" {
		t.Fatalf("export phases %v", phases)
	}
	rep := receive(t, b, path)
	if rep.Counts[store.MergeAdded] != 8 || rep.ContentWritten != 3 || rep.SHA256 != res.SHA256 || rep.AuditImported != res.AuditEntries {
		t.Fatalf("import: %+v", rep)
	}
	for _, k := range travelled(f) {
		if da, db := dataOf(t, a, k[0], k[1]), dataOf(t, b, k[0], k[1]); da == nil || !bytes.Equal(da, db) {
			t.Errorf("%s/%s: %s\n!= %s", k[0], k[1], da, db)
		}
	}
	for _, id := range []string{f.big, f.small, f.evidence} {
		if !bytes.Equal(content(t, a, id), content(t, b, id)) {
			t.Errorf("attachment %s differs", id)
		}
	}
	checkAudits(t, a, b, f, res.SHA256)
	checkNumbering(t, a, b, f)
}

// checkNumbering: after the import, b numbers its own next lead of the
// same year after the imported one, never with the same number.
func checkNumbering(t *testing.T, a, b *store.Vault, f *fixture) {
	t.Helper()
	var got, mine *model.Lead
	mustView(t, a, func(tx *store.Tx) (err error) { got, err = dossier.GetLead(tx, f.leadID); return err })
	mustUpdate(t, b, func(tx *store.Tx) error {
		mine = &model.Lead{Source: model.SourcePetition, Received: model.MustDate("2024-07-01"),
			Summary: "乙方自己受理的线索", Category: model.CategoryIntegrity}
		return dossier.AddLead(tx, mine, "乙")
	})
	if got.Number == "" || mine.Number == got.Number {
		t.Fatalf("imported lead %q, new local lead %q", got.Number, mine.Number)
	}
}

func phasesOf(ps []Phase) []string {
	var out []string
	for _, p := range ps {
		out = append(out, string(p))
	}
	return out
}

// travelled lists the records of a fixture that a bundle carries.
func travelled(f *fixture) [][2]string {
	out := [][2]string{{model.TypeCase, f.caseID}, {model.TypeLead, f.leadID}, {model.TypeTrackedItem, f.itemID},
		{store.TypeAttachment, f.big}, {store.TypeAttachment, f.small}, {store.TypeAttachment, f.evidence}}
	for _, s := range f.subjects {
		out = append(out, [2]string{model.TypeSubject, s})
	}
	return out
}

// checkAudits: the sender audited the export with the file's hash, the
// receiver the import under the same hash, and the sender's entries about
// the case arrived carrying their origin.
func checkAudits(t *testing.T, a, b *store.Vault, f *fixture, sum string) {
	t.Helper()
	var exported bool
	mustView(t, a, func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			exported = exported || (e.Action == store.ActionExport && e.ID == f.caseID && strings.Contains(e.Detail, sum) && strings.Contains(e.Detail, "乙"))
			return nil
		})
	})
	var summary, carried bool
	mustView(t, b, func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			summary = summary || (e.Action == store.ActionImport && e.Type == "bundle" && e.ID == sum)
			carried = carried || (e.Action == store.ActionImport && e.ID == f.caseID && strings.Contains(e.Detail, `"action":"create"`) && strings.HasPrefix(e.Detail, `{"origin":"`+a.Machine()+"#"))
			return nil
		})
	})
	if !exported || !summary || !carried {
		t.Fatalf("audit: export %v, import summary %v, carried entries %v", exported, summary, carried)
	}
}

func TestReimportChangesNothing(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	path := send(t, a, "乙", f.caseID)
	first := receive(t, b, path)
	before := digest(t, b)
	again := receive(t, b, path)
	if !bytes.Equal(before, digest(t, b)) {
		t.Fatal("re-import changed records")
	}
	if again.Counts[store.MergeUnchanged] != len(again.Records) || again.ContentWritten != 0 ||
		again.ContentPresent != 3 || again.AuditImported != 0 || again.AuditKnown != first.AuditImported {
		t.Fatalf("re-import: %+v", again)
	}
	// Sent back, the same records change nothing in the first vault either.
	before = digest(t, a)
	introduceBack := send(t, b, "甲", f.caseID)
	if rep := receive(t, a, introduceBack); rep.Counts[store.MergeUnchanged] != len(rep.Records) || !bytes.Equal(before, digest(t, a)) {
		t.Fatalf("echo: %+v", rep.Counts)
	}
}

func TestNeverExported(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	// Bookkeeping exists in a: its identity, a contact, number counters
	// and (from a deleted case) a tombstone.
	other := seedCase(t, a)
	mustUpdate(t, a, func(tx *store.Tx) error { return dossier.DeleteCase(tx, other.caseID) })
	path := send(t, a, "乙", f.caseID)
	rc, err := bundle.OpenFile(path, bundle.ReadOptions{Identity: self(t, b).Identity, Contacts: []bundle.Contact{self(t, a).Contact()}})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	for _, e := range rc.Manifest().Entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if info.Kind == bundle.KindRecord && !Travels(info.Type) {
			t.Errorf("exported %s", e.Path)
		}
	}
	if d := rc.Manifest().Dossiers; len(d) != 1 || d[0].Type != model.TypeCase || d[0].ID != f.caseID {
		t.Errorf("dossiers %+v", d)
	}
	for _, typ := range []string{TypeIdentity, TypeContact, store.TypeConflict, store.TypeTombstone, "counter", "config", "settings"} {
		if Travels(typ) {
			t.Errorf("%s travels", typ)
		}
	}
}

func TestPreviewMatchesImport(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	receive(t, b, send(t, a, "乙", f.caseID))
	editCase(t, a, f.caseID, "甲方改的标题")
	editCase(t, b, f.caseID, "乙方改的标题")
	mustUpdate(t, a, func(tx *store.Tx) error {
		l := &model.Lead{}
		rev, err := dossier.Load(tx, model.TypeLead, f.leadID, l)
		if err != nil {
			return err
		}
		l.Summary += "（补充）"
		_, err = dossier.Save(tx, l, rev)
		return err
	})
	g := seedCase(t, a)
	path := send(t, a, "乙", f.caseID, g.caseID)
	before := digest(t, b)
	pre, err := Preview(context.Background(), b, path, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, digest(t, b)) || !pre.DryRun {
		t.Fatal("preview wrote")
	}
	got := receive(t, b, path)
	pj, _ := json.Marshal(pre.Records)
	gj, _ := json.Marshal(got.Records)
	if !bytes.Equal(pj, gj) {
		t.Fatalf("preview %s\nimport  %s", pj, gj)
	}
	if pre.AuditImported != got.AuditImported || pre.AuditKnown != got.AuditKnown || pre.AuditKnown == 0 || pre.AuditImported == 0 {
		t.Fatalf("audit: preview %d new %d known, import %d new %d known", pre.AuditImported, pre.AuditKnown, got.AuditImported, got.AuditKnown)
	}
	if pre.Counts[store.MergeConflict] != 1 || pre.Counts[store.MergeUpdated] != 1 || pre.Counts[store.MergeAdded] != 8 {
		t.Fatalf("counts %v", pre.Counts)
	}
}
