package bundle

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"qingfeng/internal/atomicfile"
)

// TestWriteCheckedLeavesTheCommitToTheCaller: a checked bundle is not at
// its path until the caller commits; an abort, or an entry that fails
// mid-write, leaves the folder as it was (an old file there included).
func TestWriteCheckedLeavesTheCommitToTheCaller(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	dir := t.TempDir()
	path := filepath.Join(dir, "交接.qfb")
	os.WriteFile(path, []byte("old"), 0o600)
	only := func(want string) {
		t.Helper()
		names, _ := os.ReadDir(dir)
		if len(names) != 1 || names[0].Name() != "交接.qfb" || string(readFile(t, path)) != want {
			t.Fatalf("folder holds %v, the bundle path %q", names, readFile(t, path))
		}
	}
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteChecked(f, sampleEntries(), sendOptions(alice, bob.contact)); err != nil {
		t.Fatal(err)
	}
	if string(readFile(t, path)) != "old" {
		t.Fatal("WriteChecked replaced the file before the commit")
	}
	f.Abort()
	only("old")

	stop := errors.New("the vault was locked")
	bad := attachment(pseudoRandom(3<<20, 7))
	bad.Open = func() (io.Reader, error) {
		return io.MultiReader(io.LimitReader(pseudoReader{}, 1<<20), errReader{stop}), nil
	}
	f, _ = atomicfile.Create(path, 0o600)
	if _, err := WriteChecked(f, append(sampleEntries(), bad), sendOptions(alice, bob.contact)); !errors.Is(err, stop) {
		t.Fatalf("a failing entry gave %v", err)
	}
	f.Abort()
	only("old")

	f, _ = atomicfile.Create(path, 0o600)
	if _, err := WriteChecked(f, sampleEntries(), sendOptions(alice, bob.contact)); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	rc, err := OpenFile(path, ReadOptions{Identity: bob.id, Contacts: []Contact{alice.contact}})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if err := rc.Verify(); err != nil {
		t.Fatal(err)
	}
}

// pseudoReader gives endless zero bytes.
type pseudoReader struct{}

func (pseudoReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// errReader fails every read with err.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
