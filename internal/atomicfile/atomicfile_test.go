package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.pdf")
	if err := WriteBytes(p, 0o600, []byte("old")); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, 0o600, []byte("new content")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(got) != "new content" || st.Mode().Perm() != 0o600 {
		t.Errorf("got %q mode %v", got, st.Mode())
	}
	assertOnly(t, dir, "out.pdf")
}

// TestFailureLeavesTarget: a failing fill, an abort, or a commit into a
// folder that vanished leave the old file and no temporary file.
func TestFailureLeavesTarget(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.pdf")
	WriteBytes(p, 0o600, []byte("kept"))
	boom := errors.New("boom")
	if err := Write(p, 0o600, func(w io.Writer) error { w.Write([]byte("half")); return boom }); !errors.Is(err, boom) {
		t.Errorf("fill error = %v", err)
	}
	a, err := Create(p, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	a.Write([]byte("dropped"))
	a.Abort()
	a.Abort()
	if err := a.Commit(); err == nil {
		t.Errorf("commit after abort succeeded")
	}
	got, _ := os.ReadFile(p)
	if string(got) != "kept" {
		t.Errorf("target now %q", got)
	}
	assertOnly(t, dir, "out.pdf")
	if _, err := Create(filepath.Join(dir, "missing", "x.pdf"), 0o600); err == nil {
		t.Errorf("create in a missing folder succeeded")
	}
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	es, _ := os.ReadDir(dir)
	if len(es) != len(names) {
		var got []string
		for _, e := range es {
			got = append(got, e.Name())
		}
		t.Errorf("folder holds %v, want %v", got, names)
	}
}
