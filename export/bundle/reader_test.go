package bundle

import (
	"bytes"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestTrust(t *testing.T) {
	c := newCast(t)
	fromMallory := legitDraft(t, c.mallory).build(t, c.mallory.id, c.bob)

	var asked []Contact
	opts := c.bobOpts()
	opts.TrustUnknown = func(s Contact) bool { asked = append(asked, s); return true }
	if err := openVerify(t, fromMallory, opts); err != nil {
		t.Fatalf("explicitly trusted sender: %v", err)
	}
	if len(asked) != 1 || !asked[0].sameKeys(c.mallory.contact) || asked[0].Name != c.mallory.contact.Name {
		t.Errorf("TrustUnknown was asked about %+v", asked)
	}

	renamed := c.alice.contact
	renamed.Name = "老王(本地备注)"
	asked = nil
	opts = ReadOptions{Identity: c.bob.id, Contacts: []Contact{renamed}, TrustUnknown: opts.TrustUnknown}
	if err := openVerify(t, legit(t, c), opts); err != nil {
		t.Fatalf("contact known by keys under a local name: %v", err)
	}
	if len(asked) != 0 {
		t.Error("TrustUnknown was asked about a known contact")
	}
}

func TestSenderReturned(t *testing.T) {
	c := newCast(t)
	path := filepath.Join(t.TempDir(), "a.qfb")
	os.WriteFile(path, legit(t, c), 0o600)
	rc, err := OpenFile(path, c.bobOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	s := rc.Sender()
	if !s.sameKeys(c.alice.contact) || s.Fingerprint() != c.alice.contact.Fingerprint() {
		t.Errorf("Sender() = %+v", s)
	}
}

// TestWalkReaderReportsHashMismatch: the reader handed to fn itself fails
// with ErrHash at the end of a changed entry, before Walk returns.
func TestWalkReaderReportsHashMismatch(t *testing.T) {
	c := newCast(t)
	data := withItems(func(it []tarItem) []tarItem {
		it[0].data = bytes.ToUpper(it[0].data)
		return it
	})(t, c)
	r, err := Open(bytes.NewReader(data), int64(len(data)), c.bobOpts())
	if err != nil {
		t.Fatal(err)
	}
	var readErr error
	err = r.Walk(func(e Entry, content io.Reader) error {
		_, readErr = io.Copy(io.Discard, content)
		return readErr
	})
	checkOnly(t, readErr, ErrHash)
	checkOnly(t, err, ErrHash)
}

// TestWalkStopsOnCallbackError returns the callback's own error as is.
func TestWalkStopsOnCallbackError(t *testing.T) {
	c := newCast(t)
	data := legit(t, c)
	r, err := Open(bytes.NewReader(data), int64(len(data)), c.bobOpts())
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("vault full")
	calls := 0
	err = r.Walk(func(Entry, io.Reader) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("Walk returned %v after %d calls", err, calls)
	}
	if err := r.Verify(); err != nil {
		t.Errorf("Verify after an interrupted Walk: %v", err)
	}
}

// TestFileChangedBetweenPasses replaces the file under an open Reader with
// another valid bundle: the next pass must notice.
func TestFileChangedBetweenPasses(t *testing.T) {
	c := newCast(t)
	path := filepath.Join(t.TempDir(), "a.qfb")
	os.WriteFile(path, legit(t, c), 0o600)
	rc, err := OpenFile(path, c.bobOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	f, _ := os.OpenFile(path, os.O_WRONLY, 0) // same inode, new content
	f.Write(legit(t, c))
	f.Close()
	checkOnly(t, rc.Verify(), ErrCorrupt)
}

// TestReadProgress checks the reader's progress callback.
func TestReadProgress(t *testing.T) {
	c := newCast(t)
	data := legit(t, c)
	opts := c.bobOpts()
	var last [2]int64
	opts.Progress = func(done, total int64) { last = [2]int64{done, total} }
	r, err := Open(bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Verify(); err != nil {
		t.Fatal(err)
	}
	want := totalSize(sampleEntries())
	if last != [2]int64{want, want} {
		t.Errorf("last progress %v, want %d of %d", last, want, want)
	}
}

// TestHugeDeclaredSizesAllocateLittle: sizes an attacker declares (a 1 TiB
// manifest.json, a sparse entry expanding to 1 TiB) are refused before
// anything is allocated from them.
func TestHugeDeclaredSizesAllocateLittle(t *testing.T) {
	c := newCast(t)
	for name, data := range map[string][]byte{
		"manifest": seal(t, hugeHeader(t, ManifestName, 1<<40), c.bob.id.age.Recipient()),
		"sparse":   seal(t, sparseBundle(t, c), c.bob.id.age.Recipient()),
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r, err := Open(bytes.NewReader(data), int64(len(data)), c.bobOpts())
		if err == nil {
			err = r.Verify()
		}
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Fatalf("%s: accepted", name)
		}
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 8<<20 {
			t.Errorf("%s: allocated %d bytes to refuse it", name, grown)
		}
	}
}

// TestReaderWritesNothing guards the promise that reading and verifying
// never touch the disk: the reader's source files call no os function that
// creates, changes or removes files.
func TestReaderWritesNothing(t *testing.T) {
	readerFiles := []string{"reader.go", "walk.go", "archive.go", "agefile.go", "manifest.go",
		"trust.go", "limits.go", "entry.go", "paths.go", "contact.go", "fingerprint.go", "bech32.go"}
	forbidden := "Create CreateTemp OpenFile WriteFile Mkdir MkdirAll MkdirTemp Rename Remove RemoveAll " +
		"Chmod Chtimes Truncate Link Symlink"
	for _, name := range readerFiles {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, isIdent := sel.X.(*ast.Ident); isIdent && id.Name == "os" &&
				strings.Contains(" "+forbidden+" ", " "+sel.Sel.Name+" ") {
				t.Errorf("%s calls os.%s", name, sel.Sel.Name)
			}
			return true
		})
	}
}
