package bundle

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	alice, bob := newParty(t, "王䶮(纪检组)"), newParty(t, "𠮷喆")
	entries := sampleEntries()
	path := writeBundle(t, entries, sendOptions(alice, bob.contact))

	rc, err := OpenFile(path, ReadOptions{Identity: bob.id, Contacts: []Contact{alice.contact}})
	if err != nil {
		t.Fatalf("OpenFile: %v", err)
	}
	defer rc.Close()
	if err := rc.Verify(); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	got, order := readAllEntries(t, rc.Reader)

	want := sortByKind(entries)
	if len(order) != len(want) {
		t.Fatalf("walked %d entries, want %d", len(order), len(want))
	}
	for i, e := range want {
		if order[i] != e.Path {
			t.Errorf("entry %d is %q, want %q", i, order[i], e.Path)
		}
		r, _ := e.Open()
		data, _ := io.ReadAll(r)
		if !bytes.Equal(got[e.Path], data) {
			t.Errorf("%q: content differs after the round trip", e.Path)
		}
	}
	checkManifest(t, rc.Manifest(), alice, want)
}

func checkManifest(t *testing.T, m Manifest, sender party, want []Entry) {
	t.Helper()
	if m.Version != FormatVersion || !m.Sender.sameKeys(sender.contact) || m.Sender.Name != sender.contact.Name {
		t.Errorf("manifest header: version %d sender %+v", m.Version, m.Sender)
	}
	opts := sendOptions(sender)
	if !m.Created.Equal(opts.Created) || !slices.Equal(m.Dossiers, opts.Dossiers) {
		t.Errorf("manifest created %v dossiers %+v", m.Created, m.Dossiers)
	}
	for i, e := range m.Entries {
		if e.Path != want[i].Path || e.Size != want[i].Size || e.SHA256 != want[i].SHA256 {
			t.Errorf("manifest entry %d = %+v, want %q", i, e, want[i].Path)
		}
	}
}

// TestWriteHashesMissingSums gives entries without SHA256 and a progress
// callback; the writer hashes them in a first pass.
func TestWriteHashesMissingSums(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	entries := sampleEntries()
	for i := range entries {
		entries[i].SHA256 = [32]byte{}
	}
	var calls [][2]int64
	opts := sendOptions(alice, bob.contact)
	opts.Progress = func(done, total int64) { calls = append(calls, [2]int64{done, total}) }
	path := writeBundle(t, entries, opts)

	total := 3 * totalSize(entries) // hashing pass, writing, read-back
	last := calls[len(calls)-1]
	if last != [2]int64{total, total} {
		t.Errorf("last progress call %v, want done = total = %d", last, total)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] {
			t.Errorf("progress went backwards: %v then %v", calls[i-1], calls[i])
		}
	}
	rc, err := OpenFile(path, ReadOptions{Identity: bob.id, Contacts: []Contact{alice.contact}})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	m := rc.Manifest()
	for _, e := range m.Entries {
		for _, in := range sampleEntries() {
			if in.Path == e.Path && in.SHA256 != e.SHA256 {
				t.Errorf("%q: computed hash differs", e.Path)
			}
		}
	}
}

// TestPaddedToWholeChunks checks the layout property the error
// classification relies on.
func TestPaddedToWholeChunks(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	path := writeBundle(t, sampleEntries(), sendOptions(alice, bob.contact))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	af, err := openAge(f, st.Size(), bob.id.age)
	if err != nil {
		t.Fatal(err)
	}
	payload := st.Size() - af.hdrLen - nonceSize
	if payload <= 0 || payload%encChunkSize != 0 {
		t.Errorf("payload of %d bytes is not whole %d-byte chunks", payload, encChunkSize)
	}
}

func TestMultipleRecipientsAndPassphrase(t *testing.T) {
	alice, bob, carol := newParty(t, "甲"), newParty(t, "乙"), newParty(t, "丙")
	path := writeBundle(t, sampleEntries(), sendOptions(alice, bob.contact, carol.contact))
	for _, p := range []party{bob, carol} {
		rc, err := OpenFile(path, ReadOptions{Identity: p.id, Contacts: []Contact{alice.contact}})
		if err != nil {
			t.Fatalf("%s: %v", p.contact.Name, err)
		}
		if err := rc.Verify(); err != nil {
			t.Errorf("%s: Verify: %v", p.contact.Name, err)
		}
		rc.Close()
	}

	opts := sendOptions(alice)
	opts.Passphrase = "正确 马 电池 订书钉"
	pathP := writeBundle(t, sampleEntries(), opts)
	rc, err := OpenFile(pathP, ReadOptions{Passphrase: opts.Passphrase, Contacts: []Contact{alice.contact}})
	if err != nil {
		t.Fatalf("passphrase: %v", err)
	}
	defer rc.Close()
	got, _ := readAllEntries(t, rc.Reader)
	if len(got) != len(sampleEntries()) {
		t.Errorf("passphrase bundle has %d entries", len(got))
	}
}

// TestWriteFileLeavesNoTemp checks that a failed WriteFile removes its
// temporary file and does not create the target.
func TestWriteFileLeavesNoTemp(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	dir := t.TempDir()
	target := filepath.Join(dir, "x.qfb")
	entries := sampleEntries()
	entries[0].SHA256[0] ^= 1 // a record that lies about its content
	_, err := WriteFile(target, entries, sendOptions(alice, bob.contact))
	if !errors.Is(err, ErrHash) {
		t.Fatalf("WriteFile with a wrong hash: %v, want ErrHash", err)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if !strings.Contains(err.Error(), "bundle:") {
		t.Errorf("error %q lacks the package prefix", err)
	}
}
