package handoff

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"qingfeng/export/bundle"
	"qingfeng/store"
	"qingfeng/store/model"
)

// badWorld is a receiving vault b that knows a (甲), a stranger c (丙)
// that knows b, an impostor d that calls itself 甲, and a good bundle from
// a to b carrying a case b does not have.
type badWorld struct {
	a, b, c, d *store.Vault
	f          *fixture
	tail       string // attachment id
	good       string
	dir        string
}

func newBadWorld(t *testing.T) *badWorld {
	w := &badWorld{a: newVault(t, "甲"), b: newVault(t, "乙"), c: newVault(t, "丙"), d: newVault(t, "甲"), dir: t.TempDir()}
	introduce(t, w.a, w.b)
	mustUpdate(t, w.c, func(tx *store.Tx) error { return AddContact(tx, self(t, w.b).Contact()) })
	mustUpdate(t, w.d, func(tx *store.Tx) error { return AddContact(tx, self(t, w.b).Contact()) })
	mustUpdate(t, w.a, func(tx *store.Tx) error { return AddContact(tx, self(t, w.c).Contact()) })
	// b already holds another case of a's, so that its vault is not empty.
	receive(t, w.b, send(t, w.a, "乙", bareCase(t, w.a)))
	w.f = seedCase(t, w.a)
	// A 3 MiB attachment after the others lets the test see (progress is
	// reported every MiB) that the first one was stored before a failure.
	tail := make([]byte, 3<<20)
	w.tail = addAttachment(t, w.a, "录音.bin", "case/"+w.f.caseID, tail)
	w.good = send(t, w.a, "乙", w.f.caseID)
	return w
}

// variant writes a changed copy of the good bundle.
func (w *badWorld) variant(t *testing.T, name string, change func([]byte) []byte) string {
	b, err := os.ReadFile(w.good)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(w.dir, name)
	writeFile(t, p, change(append([]byte(nil), b...)))
	return p
}

// craft writes a bundle signed by a, for b, of the given entries.
func (w *badWorld) craft(t *testing.T, name string, entries []bundle.Entry) string {
	p := filepath.Join(w.dir, name)
	_, err := bundle.WriteFile(p, entries, bundle.WriteOptions{Sender: self(t, w.a).Identity, SenderName: "甲",
		To: []bundle.Contact{self(t, w.b).Contact()}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// envelope returns the travelling JSON of a's record typ/id after change.
func (w *badWorld) envelope(t *testing.T, typ, id string, change func(r *store.Record)) []byte {
	var r *store.Record
	mustView(t, w.a, func(tx *store.Tx) (err error) { r, err = tx.Get(typ, id); return err })
	change(r)
	b, err := encodeRecord(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBadInputChangesNothing(t *testing.T) {
	w := newBadWorld(t)
	f := w.f
	other := func(name string, from *store.Vault, opts ExportOptions) string {
		p := filepath.Join(w.dir, name)
		if _, err := Export(context.Background(), from, p, opts); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mustUpdate(t, w.c, func(tx *store.Tx) error { return seedRecords(tx, &fixture{}) })
	var cCase string
	mustView(t, w.c, func(tx *store.Tx) error {
		return tx.List(model.TypeCase, func(r *store.Record) error { cCase = r.ID; return nil })
	})
	caseEnv := w.envelope(t, model.TypeCase, f.caseID, func(*store.Record) {})
	late := w.variant(t, "late.qfb", func(b []byte) []byte { return b })
	lateProgress, stored := flipAfterHash(t, late)
	cases := []struct {
		name string
		path string
		opts ImportOptions
		want error
	}{
		{"wrong key", other("for-c.qfb", w.a, ExportOptions{Dossiers: []string{f.caseID}, To: []string{"丙"}}), ImportOptions{}, bundle.ErrWrongKey},
		{"wrong passphrase", other("pass.qfb", w.a, ExportOptions{Dossiers: []string{f.caseID}, Passphrase: "正确的口令"}), ImportOptions{Passphrase: "错误的口令"}, bundle.ErrWrongKey},
		{"passphrase bundle, key given", filepath.Join(w.dir, "pass.qfb"), ImportOptions{}, bundle.ErrWrongKey},
		{"flipped byte", w.variant(t, "flip.qfb", func(b []byte) []byte { b[len(b)/2] ^= 0x20; return b }), ImportOptions{}, bundle.ErrCorrupt},
		{"truncated", w.variant(t, "cut.qfb", func(b []byte) []byte { return b[:len(b)*2/3] }), ImportOptions{}, bundle.ErrTruncated},
		{"empty file", w.variant(t, "empty.qfb", func([]byte) []byte { return nil }), ImportOptions{}, bundle.ErrTruncated},
		{"not a bundle", w.variant(t, "notes.txt", func([]byte) []byte { return []byte("这不是案卷包，只是一段文字。\n") }), ImportOptions{}, bundle.ErrNotBundle},
		{"signed by another key", other("impostor.qfb", w.d, ExportOptions{Dossiers: []string{bareCase(t, w.d)}, To: []string{"乙"}}), ImportOptions{}, bundle.ErrSenderMismatch},
		{"unknown sender", other("stranger.qfb", w.c, ExportOptions{Dossiers: []string{cCase}, To: []string{"乙"}}), ImportOptions{}, bundle.ErrUnknownSender},
		{"identity record", w.craft(t, "identity.qfb", []bundle.Entry{memEntry(bundle.RecordPath(TypeIdentity, IdentityID),
			w.envelope(t, TypeIdentity, IdentityID, func(*store.Record) {}))}), ImportOptions{}, ErrForbiddenRecord},
		{"record under another name", w.craft(t, "renamed.qfb", []bundle.Entry{memEntry(bundle.RecordPath(model.TypeCase, f.leadID), caseEnv)}), ImportOptions{}, ErrBadRecord},
		{"record without history", w.craft(t, "nohistory.qfb", []bundle.Entry{memEntry(bundle.RecordPath(model.TypeCase, f.caseID),
			w.envelope(t, model.TypeCase, f.caseID, func(r *store.Record) { r.Versions = nil }))}), ImportOptions{}, ErrBadRecord},
		{"invalid case", w.craft(t, "invalid.qfb", []bundle.Entry{memEntry(bundle.RecordPath(model.TypeCase, f.caseID),
			w.envelope(t, model.TypeCase, f.caseID, func(r *store.Record) {
				r.Data = json.RawMessage(`{"id":"` + f.caseID + `","stage":"不存在的阶段"}`)
			}))}), ImportOptions{}, ErrBadRecord},
		{"attachment without content", w.craft(t, "nocontent.qfb", []bundle.Entry{memEntry(bundle.RecordPath(store.TypeAttachment, f.big),
			w.envelope(t, store.TypeAttachment, f.big, func(*store.Record) {}))}), ImportOptions{}, ErrMissingContent},
		{"changed between passes", late, ImportOptions{Progress: lateProgress}, bundle.ErrCorrupt},
	}
	for _, c := range cases {
		before := digest(t, w.b)
		_, err := Import(context.Background(), w.b, c.path, c.opts)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
		if !bytes.Equal(before, digest(t, w.b)) {
			t.Errorf("%s: records changed", c.name)
		}
		w.checkNoTrace(t, c.name)
	}
	if *stored < int64(len(f.bigData))+1<<20 {
		t.Fatalf("the changed file failed before content was stored (%d bytes): the discard was not tested", *stored)
	}
}

// checkNoTrace: no content of the refused case's attachments, no conflict.
func (w *badWorld) checkNoTrace(t *testing.T, name string) {
	t.Helper()
	mustView(t, w.b, func(tx *store.Tx) error {
		for _, id := range []string{w.f.big, w.f.small, w.f.evidence, w.tail} {
			if tx.HasAttachmentContent(id) {
				t.Errorf("%s: content of %s left behind", name, id)
			}
		}
		return nil
	})
	if cs := conflicts(t, w.b); len(cs) != 0 {
		t.Errorf("%s: conflicts %+v", name, cs)
	}
}

// flipAfterHash changes the last byte of the file at path once the import
// has checked and hashed it, before it stores content: the content pass
// then meets a changed file at its very end, after storing the content. It
// also reports how many content bytes the import stored.
func flipAfterHash(t *testing.T, path string) (Progress, *int64) {
	flipped, stored := false, new(int64)
	return func(p Phase, done, total int64) {
		if p == PhaseContent {
			*stored = done
		}
		if p != PhaseHash || done != total || flipped {
			return
		}
		flipped = true
		fh, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			t.Error(err)
			return
		}
		defer fh.Close()
		b := []byte{0}
		fh.ReadAt(b, total-1)
		b[0] ^= 1
		fh.WriteAt(b, total-1)
	}, stored
}

func TestChangedContentForKnownAttachment(t *testing.T) {
	w := newBadWorld(t)
	receive(t, w.b, w.good)
	before := digest(t, w.b)
	other := []byte("另一份内容")
	sum := sha256Of(other)
	env := w.envelope(t, store.TypeAttachment, w.f.small, func(r *store.Record) {
		r.Data = json.RawMessage(`{"name":"x","size":` + itoa(len(other)) + `,"sha256":"` + sum + `","chunks":1,"added":"2024-01-01T00:00:00Z"}`)
		r.Versions[r.Machine]++
	})
	p := w.craft(t, "changed.qfb", []bundle.Entry{memEntry(bundle.RecordPath(store.TypeAttachment, w.f.small), env),
		memEntry("attachments/"+sum, other)})
	if _, err := Import(context.Background(), w.b, p, ImportOptions{}); !errors.Is(err, ErrContentMismatch) {
		t.Fatalf("got %v", err)
	}
	if !bytes.Equal(before, digest(t, w.b)) || !bytes.Equal(content(t, w.b, w.f.small), smallData) {
		t.Fatal("local attachment changed")
	}
}

func sha256Of(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func itoa(n int) string { return strconv.Itoa(n) }
