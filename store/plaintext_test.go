package store

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// markers returns unique strings that cannot occur on disk by chance:
// ASCII, common Chinese, and rare characters (Ext. A, Ext. B).
func markers() []string {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	cjk := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteRune(rune(0x4E00 + rng.IntN(0x5000)))
		}
		return b.String()
	}
	return []string{
		fmt.Sprintf("QFMARKER%08x", rng.Uint32()),
		"被反映人" + cjk(4),
		"䶮𠮷喆" + cjk(3),
	}
}

// encodings returns the byte forms a marker could take on disk.
func encodings(t *testing.T, m string) map[string][]byte {
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(m))
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(m))
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"utf-8": []byte(m), "utf-16le": u16, "gb18030": gb}
}

// scanForMarkers reads every regular file under the roots (modified since
// `since`, when non-zero) and reports each marker found in any encoding.
func scanForMarkers(t *testing.T, roots []string, since time.Time, marks []string) (files int, hits []string) {
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil || (!since.IsZero() && info.ModTime().Before(since)) || info.Size() > 256<<20 {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			files++
			for _, m := range marks {
				for enc, needle := range encodings(t, m) {
					if bytes.Contains(b, needle) {
						hits = append(hits, fmt.Sprintf("%s in %s (%s)", m, p, enc))
					}
				}
			}
			return nil
		})
	}
	return files, hits
}

func TestNoPlaintextOnDisk(t *testing.T) {
	start := time.Now().Add(-time.Second)
	marks := markers()
	dir := t.TempDir()
	v, _, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range marks {
		r := put(t, v, "dossier", map[string]any{"title": m, "subject": map[string]any{"name": m + "某"}, "tags": []string{m}})
		r.Data = []byte(fmt.Sprintf(`{"title":%q,"note":"第%d次修改"}`, m+m, i))
		if err := v.Update(func(tx *Tx) error { return tx.Put(r) }); err != nil {
			t.Fatal(err)
		}
		if _, err := v.AddAttachment(m+".txt", "dossier/"+r.ID, strings.NewReader(strings.Repeat(m, 50000))); err != nil {
			t.Fatal(err)
		}
		if got := search(t, v, m); len(got) == 0 {
			t.Fatalf("marker %q not searchable", m)
		}
	}
	if err := v.BackupFile(filepath.Join(dir, "backup.qfbak")); err != nil {
		t.Fatal(err)
	}
	v.Close()
	files, hits := scanForMarkers(t, []string{dir}, time.Time{}, marks)
	tf, th := scanForMarkers(t, []string{os.TempDir()}, start, marks)
	hits = append(hits, th...)
	if len(hits) > 0 {
		t.Fatalf("plaintext on disk: %v", hits)
	}
	if files < 2 {
		t.Fatalf("scanned only %d vault files", files)
	}
	// Control: the scanner does find a marker written in the clear.
	gb := encodings(t, marks[2])["gb18030"]
	os.WriteFile(filepath.Join(dir, "control"), append([]byte("x"), gb...), 0o600)
	if _, c := scanForMarkers(t, []string{dir}, time.Time{}, marks); len(c) != 1 {
		t.Fatalf("scanner control: %v", c)
	}
	t.Logf("scanned %d vault files and %d temp files for %d markers in 3 encodings: 0 hits", files, tf, len(marks))
}
