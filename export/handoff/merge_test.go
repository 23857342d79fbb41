package handoff

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"qingfeng/export/bundle"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

func TestConflictKeptAndResolved(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	receive(t, b, send(t, a, "乙", f.caseID))
	editCase(t, a, f.caseID, "甲：关于王䶮问题的初核")
	editCase(t, b, f.caseID, "乙：关于吉𠮷喆问题的初核")
	rep := receive(t, b, send(t, a, "乙", f.caseID))
	if rep.Counts[store.MergeConflict] != 1 || caseTitle(t, b, f.caseID) != "乙：关于吉𠮷喆问题的初核" {
		t.Fatalf("conflict not kept: %v, title %q", rep.Counts, caseTitle(t, b, f.caseID))
	}
	cs := conflicts(t, b)
	if len(cs) != 1 || cs[0].Type != model.TypeCase || cs[0].ID != f.caseID {
		t.Fatalf("conflicts %+v", cs)
	}
	checkTitleDiff(t, cs[0], "乙：关于吉𠮷喆问题的初核", "甲：关于王䶮问题的初核")
	if cs[0].Local.Machine != b.Machine() || cs[0].Remote.Machine != a.Machine() {
		t.Errorf("sides: %s / %s", cs[0].Local.Machine, cs[0].Remote.Machine)
	}
	// The same bundle again changes nothing: the conflict stays as it is.
	before := digest(t, b)
	receive(t, b, send(t, a, "乙", f.caseID))
	if !bytes.Equal(before, digest(t, b)) {
		t.Fatal("repeated import changed the conflict")
	}
	mustUpdate(t, b, func(tx *store.Tx) error { return Resolve(tx, model.TypeCase, f.caseID, Remote) })
	if len(conflicts(t, b)) != 0 || caseTitle(t, b, f.caseID) != "甲：关于王䶮问题的初核" {
		t.Fatal("resolve did not take the remote version")
	}
	// Sent back, the resolution wins in a without a conflict.
	rep = receive(t, a, send(t, b, "甲", f.caseID))
	if rep.Counts[store.MergeConflict] != 0 || rep.Counts[store.MergeUpdated] != 1 || len(conflicts(t, a)) != 0 {
		t.Fatalf("send back: %v", rep.Counts)
	}
	if !bytes.Equal(dataOf(t, a, model.TypeCase, f.caseID), dataOf(t, b, model.TypeCase, f.caseID)) {
		t.Fatal("vaults disagree after resolving")
	}
	if rep := receive(t, b, send(t, a, "乙", f.caseID)); rep.Counts[store.MergeUnchanged] != len(rep.Records) {
		t.Fatalf("after round: %v", rep.Counts)
	}
}

func checkTitleDiff(t *testing.T, c ConflictView, local, remote string) {
	t.Helper()
	for _, d := range c.Fields {
		var l, r string
		json.Unmarshal(d.Local, &l)
		json.Unmarshal(d.Remote, &r)
		switch {
		case d.Field == "title" && (!d.Differs || l != local || r != remote):
			t.Errorf("title diff %+v", d)
		case d.Field != "title" && d.Differs:
			t.Errorf("field %s differs: %s / %s", d.Field, d.Local, d.Remote)
		}
	}
}

func TestResolveLocalAndMixed(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	receive(t, b, send(t, a, "乙", f.caseID))
	editCase(t, a, f.caseID, "甲的标题")
	editCase(t, b, f.caseID, "乙的标题")
	receive(t, b, send(t, a, "乙", f.caseID))
	err := b.Update(func(tx *store.Tx) error {
		return ResolveWith(tx, model.TypeCase, f.caseID, json.RawMessage(`{"id":"`+f.caseID+`"}`))
	})
	if !errors.Is(err, ErrBadRecord) || len(conflicts(t, b)) != 1 {
		t.Fatalf("invalid resolution accepted: %v", err)
	}
	mustUpdate(t, b, func(tx *store.Tx) error { return Resolve(tx, model.TypeCase, f.caseID, Local) })
	if caseTitle(t, b, f.caseID) != "乙的标题" || len(conflicts(t, b)) != 0 {
		t.Fatal("resolve local")
	}
	err = b.Update(func(tx *store.Tx) error { return Resolve(tx, model.TypeCase, f.caseID, Local) })
	if !errors.Is(err, store.ErrNoConflict) {
		t.Fatalf("resolve twice: %v", err)
	}
	receive(t, a, send(t, b, "甲", f.caseID))
	if caseTitle(t, a, f.caseID) != "乙的标题" || len(conflicts(t, a)) != 0 {
		t.Fatal("local resolution did not win in a")
	}
}

func TestDeleteAgainstEdit(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	receive(t, b, send(t, a, "乙", f.caseID))
	mustUpdate(t, b, func(tx *store.Tx) error { return dossier.DeleteCase(tx, f.caseID) })
	editCase(t, a, f.caseID, "甲在删除后又改了")
	rep := receive(t, b, send(t, a, "乙", f.caseID))
	if rep.Counts[store.MergeDeletedHere] != 1 || dataOf(t, b, model.TypeCase, f.caseID) != nil {
		t.Fatalf("a deleted case came back: %v", rep.Counts)
	}
}

func TestRingOfThree(t *testing.T) {
	a, b, c := newVault(t, "甲"), newVault(t, "乙"), newVault(t, "丙")
	introduce(t, a, b)
	introduce(t, b, c)
	introduce(t, c, a)
	f := seedCase(t, a)
	receive(t, b, send(t, a, "乙", f.caseID))
	editCase(t, b, f.caseID, "乙改")
	receive(t, c, send(t, b, "丙", f.caseID))
	editCase(t, c, f.caseID, "丙改")
	rep := receive(t, a, send(t, c, "甲", f.caseID))
	if rep.Counts[store.MergeUpdated] != 1 || caseTitle(t, a, f.caseID) != "丙改" {
		t.Fatalf("ring: %v %q", rep.Counts, caseTitle(t, a, f.caseID))
	}
	receive(t, b, send(t, a, "乙", f.caseID))
	for _, v := range []*store.Vault{a, b, c} {
		if len(conflicts(t, v)) != 0 || caseTitle(t, v, f.caseID) != "丙改" {
			t.Fatal("ring did not converge")
		}
	}
	// a carried c's audit entries, which carried b's and a's own: each
	// arrives once, however many bundles bring it.
	receive(t, a, send(t, c, "甲", f.caseID))
	seen := map[string]int{}
	mustView(t, a, func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			var d importedEntry
			if e.Action == store.ActionImport && json.Unmarshal([]byte(e.Detail), &d) == nil && d.Origin != "" {
				seen[d.Origin]++
			}
			return nil
		})
	})
	for o, n := range seen {
		if n != 1 {
			t.Errorf("entry %s imported %d times", o, n)
		}
	}
	if len(seen) == 0 {
		t.Fatal("no audit entries carried")
	}
}

// bareCase opens a case with one subject and a lead in v.
func bareCase(t testing.TB, v *store.Vault) string {
	t.Helper()
	var id string
	mustUpdate(t, v, func(tx *store.Tx) error {
		s := &model.Subject{Name: "喆"}
		if err := dossier.AddSubject(tx, s); err != nil {
			return err
		}
		l := &model.Lead{Source: model.SourcePetition, Received: model.MustDate("2024-06-01"),
			Summary: "反映喆问题", Category: model.CategoryIntegrity, SubjectIDs: []string{s.ID}}
		if err := dossier.AddLead(tx, l, "登记员"); err != nil {
			return err
		}
		c, err := dossier.OpenCase(tx, l.ID, model.CaseKinds[0], model.MustDate("2024-06-02"), "承办人")
		id = c.ID
		return err
	})
	return id
}

func TestAttachmentsDeduplicated(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	file := bytes.Repeat([]byte("同一份文件 䶮𠮷喆\n"), 50000) // about 1.2 MiB
	one, two := bareCase(t, a), bareCase(t, a)
	x := addAttachment(t, a, "同一文件.txt", "case/"+one, file)
	mustUpdate(t, a, func(tx *store.Tx) error {
		_, err := dossier.EditCase(tx, two, func(c *model.Case) error {
			c.Evidence = []model.Evidence{{ID: "e1", Kind: model.EvidenceKinds[0], Title: "同一文件", AttachmentID: x}}
			return nil
		})
		return err
	})
	if rep := receive(t, b, send(t, a, "乙", one)); rep.ContentWritten != 1 || rep.ContentBytes != int64(len(file)) {
		t.Fatalf("first: %+v", rep)
	}
	rep := receive(t, b, send(t, a, "乙", two))
	if rep.ContentWritten != 0 || rep.ContentPresent != 1 || rep.Counts[store.MergeAdded] == 0 {
		t.Fatalf("second bundle wrote the same file again: %+v", rep)
	}
	if !bytes.Equal(content(t, b, x), file) {
		t.Fatal("content differs")
	}
}

func TestSameContentTwiceInOneBundle(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	id := bareCase(t, a)
	file := bytes.Repeat([]byte{0xA5, 0x5A, 7}, 400000)
	y := addAttachment(t, a, "副本一.bin", "case/"+id, file)
	z := addAttachment(t, a, "副本二.bin", "case/"+id, file)
	path := send(t, a, "乙", id)
	rc, err := bundle.OpenFile(path, bundle.ReadOptions{Identity: self(t, b).Identity, Contacts: []bundle.Contact{self(t, a).Contact()}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range rc.Manifest().Entries {
		if info, _ := e.Info(); info.Kind == bundle.KindAttachment {
			n++
		}
	}
	rc.Close()
	rep := receive(t, b, path)
	if n != 1 || rep.ContentWritten != 2 {
		t.Fatalf("content entries %d, written %d", n, rep.ContentWritten)
	}
	for _, x := range []string{y, z} {
		if !bytes.Equal(content(t, b, x), file) {
			t.Fatalf("%s differs", x)
		}
	}
}

func TestPassphraseBundle(t *testing.T) {
	a, b, c := newVault(t, "甲"), newVault(t, "乙"), newVault(t, "丙")
	introduce(t, a, b)
	f := seedCase(t, a)
	path := filepath.Join(t.TempDir(), "口令.qfb")
	if _, err := Export(context.Background(), a, path, ExportOptions{Dossiers: []string{f.caseID}, Passphrase: "电话里说的口令 7391"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(context.Background(), b, path, ImportOptions{Passphrase: "电话里说的口令 7392"}); !errors.Is(err, bundle.ErrWrongKey) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	rep, err := Import(context.Background(), b, path, ImportOptions{Passphrase: "电话里说的口令 7391"})
	if err != nil || rep.Counts[store.MergeAdded] != 8 || rep.NewContact {
		t.Fatalf("passphrase import: %+v %v", rep, err)
	}
	// A vault that never met a: the key is unknown until the user trusts it.
	if _, err := Import(context.Background(), c, path, ImportOptions{Passphrase: "电话里说的口令 7391"}); !errors.Is(err, bundle.ErrUnknownSender) {
		t.Fatalf("unknown sender: %v", err)
	}
	rep, err = Import(context.Background(), c, path, ImportOptions{Passphrase: "电话里说的口令 7391", Trust: true})
	if err != nil || !rep.NewContact {
		t.Fatalf("trusted import: %+v %v", rep, err)
	}
	var known bundle.Contact
	mustView(t, c, func(tx *store.Tx) (err error) { known, err = FindContact(tx, "甲"); return err })
	if known.Fingerprint() != self(t, a).Contact().Fingerprint() {
		t.Fatal("trusted sender not added as a contact")
	}
}

func TestConflictSettledElsewhere(t *testing.T) {
	a, b := newVault(t, "甲"), newVault(t, "乙")
	introduce(t, a, b)
	f := seedCase(t, a)
	receive(t, b, send(t, a, "乙", f.caseID))
	editCase(t, a, f.caseID, "甲版")
	editCase(t, b, f.caseID, "乙版")
	receive(t, b, send(t, a, "乙", f.caseID))
	receive(t, a, send(t, b, "甲", f.caseID))
	if len(conflicts(t, a)) != 1 || len(conflicts(t, b)) != 1 {
		t.Fatal("want a conflict on both sides")
	}
	mustUpdate(t, a, func(tx *store.Tx) error {
		return ResolveWith(tx, model.TypeCase, f.caseID, mixTitle(t, a, f.caseID, "甲乙商定版"))
	})
	rep := receive(t, b, send(t, a, "乙", f.caseID))
	if rep.Counts[store.MergeUpdated] != 1 || len(conflicts(t, b)) != 0 || caseTitle(t, b, f.caseID) != "甲乙商定版" {
		t.Fatalf("resolution elsewhere did not settle b's conflict: %v, %d conflicts, %q", rep.Counts, len(conflicts(t, b)), caseTitle(t, b, f.caseID))
	}
}

// mixTitle returns the case's current data with another title, as a person
// writes a merged version by hand.
func mixTitle(t *testing.T, v *store.Vault, id, title string) json.RawMessage {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(dataOf(t, v, model.TypeCase, id), &m); err != nil {
		t.Fatal(err)
	}
	m["title"] = title
	b, _ := json.Marshal(m)
	return b
}
