package bundle

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the bundles in testdata/")

// Files in testdata/: the keys of the test vaults (test keys, not secrets),
// and small bundles, valid and not, with the error each must give.
const (
	bobIdentityFile   = "testdata/bob.identity"
	aliceIdentityFile = "testdata/alice.identity"
	aliceContactFile  = "testdata/alice.contact"
)

var testdataWant = map[string]error{
	"valid-sample.qfb":     nil,
	"valid-empty.qfb":      nil,
	"bad-truncated.qfb":    ErrTruncated,
	"bad-flipped.qfb":      ErrCorrupt,
	"bad-text.qfb":         ErrNotBundle,
	"bad-unlisted.qfb":     ErrUnlisted,
	"bad-signature.qfb":    ErrSignature,
	"bad-version.qfb":      ErrVersion,
	"bad-dotdot.qfb":       ErrUnsafePath,
	"bad-wrong-hash.qfb":   ErrHash,
	"bad-other-sender.qfb": ErrUnknownSender,
}

// testdataKeys reads bob's identity and alice's contact from testdata.
func testdataKeys(t testing.TB) (bob *Identity, alice Contact) {
	t.Helper()
	b, err := ParseIdentity(bytes.TrimSpace(readFile(t, bobIdentityFile)))
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseContact(string(readFile(t, aliceContactFile)))
	if err != nil {
		t.Fatal(err)
	}
	return b, a
}

// TestTestdata opens every bundle in testdata and checks its error.
func TestTestdata(t *testing.T) {
	if *update {
		generateTestdata(t)
	}
	bob, alice := testdataKeys(t)
	for name, want := range testdataWant {
		err := openVerify(t, readFile(t, filepath.Join("testdata", name)),
			ReadOptions{Identity: bob, Contacts: []Contact{alice}})
		if want == nil && err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if want != nil {
			t.Run(name, func(t *testing.T) { checkOnly(t, err, want) })
		}
	}
}

// smallDraft is a correct bundle draft of sampleEntries without the large
// attachment, so each testdata bundle is one 64 KiB chunk.
func smallDraft(t *testing.T, sender party) *draft {
	d := legitDraft(t, sender)
	var items []tarItem
	var entries []Entry
	for i, it := range d.items {
		if len(it.data) < 1000 {
			items, entries = append(items, it), append(entries, d.man.Entries[i])
		}
	}
	d.items, d.man.Entries = items, entries
	d.man.Created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return d
}

// generateTestdata writes fresh keys and bundles (go test -run TestTestdata -update).
func generateTestdata(t *testing.T) {
	c := newCast(t)
	idBytes, _ := c.bob.id.MarshalBinary()
	aliceBytes, _ := c.alice.id.MarshalBinary()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bob.identity", append(idBytes, '\n'))
	write("alice.identity", append(aliceBytes, '\n'))
	write("alice.contact", []byte(c.alice.contact.String()+"\n"))
	sample := smallDraft(t, c.alice).build(t, c.alice.id, c.bob)
	write("valid-sample.qfb", sample)
	empty := smallDraft(t, c.alice)
	empty.items, empty.man.Entries = nil, nil
	write("valid-empty.qfb", empty.build(t, c.alice.id, c.bob))
	write("bad-truncated.qfb", sample[:len(sample)/2])
	flipped := bytes.Clone(sample)
	flipped[len(flipped)-100] ^= 0x20
	write("bad-flipped.qfb", flipped)
	write("bad-text.qfb", []byte(strings.Repeat("不是案卷交接文件\n", 8)))
	for name, edit := range map[string]func(d *draft) *Identity{
		"bad-unlisted.qfb": func(d *draft) *Identity {
			d.items = append(d.items, regular("audit/9.json", []byte("{}")))
			return c.alice.id
		},
		"bad-signature.qfb":    func(d *draft) *Identity { return c.mallory.id },
		"bad-version.qfb":      func(d *draft) *Identity { d.man.Version = 2; return c.alice.id },
		"bad-dotdot.qfb":       func(d *draft) *Identity { d.items = append(d.items, regular("../../evil", nil)); return c.alice.id },
		"bad-wrong-hash.qfb":   func(d *draft) *Identity { d.man.Entries[0].SHA256[0] ^= 1; return c.alice.id },
		"bad-other-sender.qfb": func(d *draft) *Identity { d.man.Sender = c.mallory.contact; return c.mallory.id },
	} {
		d := smallDraft(t, c.alice)
		signer := edit(d)
		write(name, d.build(t, signer, c.bob))
	}
}
