package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qingfeng/internal/plainscan"
)

// scanForMarkers scans the roots for every marker in every encoding
// (files modified since `since`, when non-zero).
func scanForMarkers(t *testing.T, roots []string, since time.Time, marks []string) (files int, hits []string) {
	files, hits, err := plainscan.Scan(roots, since, marks)
	if err != nil {
		t.Fatal(err)
	}
	return files, hits
}

func TestNoPlaintextOnDisk(t *testing.T) {
	start := time.Now().Add(-time.Second)
	marks := plainscan.Markers()
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
	forms, _ := plainscan.Forms(marks[2])
	gb := forms["gb18030"]
	os.WriteFile(filepath.Join(dir, "control"), append([]byte("x"), gb...), 0o600)
	if _, c := scanForMarkers(t, []string{dir}, time.Time{}, marks); len(c) != 1 {
		t.Fatalf("scanner control: %v", c)
	}
	t.Logf("scanned %d vault files and %d temp files for %d markers in 3 encodings: 0 hits", files, tf, len(marks))
}
