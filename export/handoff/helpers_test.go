package handoff

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

var pass = []byte("handoff test passphrase")

// Contents of the fixture's small attachments.
var (
	smallData    = []byte("吉𠮷 & <喆> 说明")
	evidenceData = []byte("日期,金额\n2020-01-01,5000\n")
)

// newVault creates a real vault in a temporary directory with an identity
// named name. At cleanup it runs the full check and closes the vault.
func newVault(t testing.TB, name string) *store.Vault {
	t.Helper()
	p := store.FastKDF()
	v, _, err := store.Create(t.TempDir(), pass, &store.Options{Actor: "承办人" + name, KDF: &p, Sleep: func(time.Duration) {}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if rep := v.Check(); !rep.OK() {
			t.Errorf("check %s: %+v", name, rep.Problems)
		}
		v.Close()
	})
	mustUpdate(t, v, func(tx *store.Tx) error { _, err := Keygen(tx, name, false); return err })
	return v
}

// introduce makes each vault a contact of the other, as the key exchange does.
func introduce(t testing.TB, a, b *store.Vault) {
	t.Helper()
	ca, cb := self(t, a).Contact(), self(t, b).Contact()
	mustUpdate(t, a, func(tx *store.Tx) error { return AddContact(tx, cb) })
	mustUpdate(t, b, func(tx *store.Tx) error { return AddContact(tx, ca) })
}

func self(t testing.TB, v *store.Vault) *Self {
	t.Helper()
	var s *Self
	mustView(t, v, func(tx *store.Tx) (err error) { s, err = LoadSelf(tx); return err })
	return s
}

func mustUpdate(t testing.TB, v *store.Vault, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := v.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func mustView(t testing.TB, v *store.Vault, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := v.View(fn); err != nil {
		t.Fatal(err)
	}
}

// fixture is one case built in a vault with everything that travels with it.
type fixture struct {
	caseID, leadID string
	subjects       []string
	itemID         string
	big, small     string // attachment ids owned by the case
	evidence       string // attachment id named by the case's evidence, no owner
	bigData        []byte
}

// seedCase builds a case with a lead, two subjects with rare characters in
// their names, a tracked item, a 1.5 MiB attachment and a small one owned by
// the case, a third attachment named only by the evidence list, and a talk
// note id naming an attachment that does not exist (as generated data does).
func seedCase(t testing.TB, v *store.Vault) *fixture {
	t.Helper()
	f := &fixture{bigData: make([]byte, 3<<19)}
	rand.Read(f.bigData)
	mustUpdate(t, v, func(tx *store.Tx) error { return seedRecords(tx, f) })
	f.big = addAttachment(t, v, "询问笔录（王䶮）.bin", "case/"+f.caseID, f.bigData)
	f.small = addAttachment(t, v, "䶮𠮷喆 情况说明.txt", "case/"+f.caseID, smallData)
	f.evidence = addAttachment(t, v, "转账记录.csv", "", evidenceData)
	mustUpdate(t, v, func(tx *store.Tx) error {
		_, err := dossier.EditCase(tx, f.caseID, func(c *model.Case) error {
			c.Evidence = append(c.Evidence, model.Evidence{ID: "ev1", Kind: model.EvidenceKinds[0], Title: "银行流水", AttachmentID: f.evidence})
			c.TalkNoteIDs = []string{"att-never-added"}
			return nil
		})
		return err
	})
	return f
}

func seedRecords(tx *store.Tx, f *fixture) error {
	s1, s2 := &model.Subject{Name: "王䶮"}, &model.Subject{Name: "吉𠮷喆", Unit: "某县财政局"}
	for _, s := range []*model.Subject{s1, s2} {
		if err := dossier.AddSubject(tx, s); err != nil {
			return err
		}
		f.subjects = append(f.subjects, s.ID)
	}
	l := &model.Lead{Source: model.SourcePetition, Received: model.MustDate("2024-03-01"),
		Summary: "反映王䶮、吉𠮷喆违规收受礼金", Category: model.CategoryIntegrity, SubjectIDs: f.subjects}
	if err := dossier.AddLead(tx, l, "登记员"); err != nil {
		return err
	}
	c, err := dossier.OpenCase(tx, l.ID, model.CaseKinds[0], model.MustDate("2024-03-05"), "承办人")
	if err != nil {
		return err
	}
	f.caseID, f.leadID = c.ID, l.ID
	it := &model.TrackedItem{Kind: model.TrackedKinds[0], CaseID: c.ID, Unit: "某县财政局",
		Issued: model.MustDate("2024-03-06"), Deadline: model.MustDate("2024-04-06"), Status: model.TrackedStatuses[0]}
	if err := dossier.AddItem(tx, it); err != nil {
		return err
	}
	f.itemID = it.ID
	return nil
}

func addAttachment(t testing.TB, v *store.Vault, name, owner string, data []byte) string {
	t.Helper()
	r, err := v.AddAttachment(name, owner, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

// editCase changes a case's title in v.
func editCase(t testing.TB, v *store.Vault, id, title string) {
	t.Helper()
	mustUpdate(t, v, func(tx *store.Tx) error {
		_, err := dossier.EditCase(tx, id, func(c *model.Case) error { c.Title = title; return nil })
		return err
	})
}

func caseTitle(t testing.TB, v *store.Vault, id string) string {
	t.Helper()
	var c *model.Case
	mustView(t, v, func(tx *store.Tx) (err error) { c, err = dossier.GetCase(tx, id); return err })
	return c.Title
}

// send exports case ids from one vault to a file, encrypted to the named contacts.
func send(t testing.TB, from *store.Vault, to string, ids ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.qfb")
	if _, err := Export(context.Background(), from, path, ExportOptions{Dossiers: ids, To: []string{to}}); err != nil {
		t.Fatal(err)
	}
	return path
}

func receive(t testing.TB, v *store.Vault, path string) *Report {
	t.Helper()
	rep, err := Import(context.Background(), v, path, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func digest(t testing.TB, v *store.Vault) []byte {
	t.Helper()
	d, err := v.RecordsDigest()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// dataOf returns the Data of a record, compacted, or nil if it is absent.
func dataOf(t testing.TB, v *store.Vault, typ, id string) []byte {
	t.Helper()
	var out []byte
	err := v.View(func(tx *store.Tx) error {
		r, err := tx.Get(typ, id)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, r.Data); err != nil {
			return err
		}
		out = buf.Bytes()
		return nil
	})
	if err != nil {
		return nil
	}
	return out
}

func content(t testing.TB, v *store.Vault, id string) []byte {
	t.Helper()
	rc, _, err := v.OpenAttachment(id)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func conflicts(t testing.TB, v *store.Vault) []ConflictView {
	t.Helper()
	var cs []ConflictView
	mustView(t, v, func(tx *store.Tx) (err error) { cs, err = Conflicts(tx); return err })
	return cs
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
