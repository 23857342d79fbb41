package app

import (
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"qingfeng/export/pdf"
	"qingfeng/store"
)

var shared struct {
	once sync.Once
	root string
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	os.Setenv(pdf.FontDirsEnv, "") // the bundled fonts only, on every machine
	code := m.Run()
	if shared.root != "" {
		os.RemoveAll(shared.root)
	}
	os.Exit(code)
}

// bigDossiers is the size of the shared list vault.
const bigDossiers = 10000

// copyOfBigVault returns a private copy of a vault with bigDossiers
// dossiers (built once per test run: writing 10,000 takes seconds). Every
// 97th dossier's subject is 欧阳𠮷喆, the rest rotate through five names.
func copyOfBigVault(t *testing.T) string {
	t.Helper()
	shared.once.Do(func() {
		shared.root, shared.err = os.MkdirTemp("", "qingfeng-app-test-")
		if shared.err != nil {
			return
		}
		shared.dir = filepath.Join(shared.root, "vault")
		shared.err = buildVault(shared.dir, bigList())
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	dir := filepath.Join(t.TempDir(), "vault")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(store.Path(shared.dir), store.Path(dir)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// bigList is the content of the shared vault.
func bigList() []map[string]any {
	ds := someDossiers(bigDossiers)
	for i := 0; i < len(ds); i += 97 {
		ds[i] = testDossier(i, "欧阳𠮷喆", "")
	}
	return ds
}

// rareCount is how many dossiers of bigList have the rare subject.
func rareCount() int { return (bigDossiers + 96) / 97 }

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
