package store

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBackupRestoreRoundTrip(t *testing.T) {
	v := newVault(t)
	r := put(t, v, "dossier", map[string]any{"title": "备份测试䶮"})
	if _, err := v.AddAttachment("附件.txt", "", strings.NewReader(strings.Repeat("内容", 400000))); err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(t.TempDir(), "v.qfbak")
	if err := v.BackupFile(bak); err != nil {
		t.Fatal(err)
	}
	// Work continues after the backup; restore brings back the backup state.
	put(t, v, "dossier", map[string]any{"title": "备份之后"})
	dir := v.Dir()
	v.Close()
	rep, err := Restore(dir, bak, testPass, testOpts())
	if err != nil {
		t.Fatalf("restore: %v %+v", err, rep)
	}
	v2, err := Open(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	if got := get(t, v2, "dossier", r.ID); !strings.Contains(string(got.Data), "备份测试䶮") {
		t.Fatal("record lost in restore")
	}
	if ids := search(t, v2, "备份之后"); len(ids) != 0 {
		t.Fatal("restore kept later work in the live file")
	}
	if _, err := os.Stat(Path(dir) + ".before-restore"); err != nil {
		t.Fatal("replaced vault not kept aside")
	}
	mustCheck(t, v2)
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	v := newVault(t)
	put(t, v, "dossier", map[string]any{"title": "原件"})
	var buf bytes.Buffer
	if err := v.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	dir := v.Dir()
	v.Close()
	before, _ := os.ReadFile(Path(dir))

	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 0x20
	cases := map[string][]byte{
		"flipped":      flipped,
		"truncated":    good[:len(good)-100],
		"empty":        nil,
		"not a backup": []byte("PK\x03\x04 this is a zip file"),
		"extra data":   append(append([]byte(nil), good...), 'x'),
	}
	for name, data := range cases {
		p := filepath.Join(t.TempDir(), "b")
		os.WriteFile(p, data, 0o600)
		if _, err := Restore(dir, p, testPass, testOpts()); !errors.Is(err, ErrBadBackup) {
			t.Errorf("%s: got %v", name, err)
		}
	}
	p := filepath.Join(t.TempDir(), "b")
	os.WriteFile(p, good, 0o600)
	if _, err := Restore(dir, p, []byte("wrong passphrase"), testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	after, _ := os.ReadFile(Path(dir))
	if !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the vault")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("restore left files behind: %v", entries)
	}
}

// TestBackupFlipsAreDetected flips one byte at random offsets of a backup:
// every restore is refused and the live vault is left as it was.
func TestBackupFlipsAreDetected(t *testing.T) {
	v := newVault(t)
	for i := 0; i < 30; i++ {
		put(t, v, "dossier", map[string]any{"title": "备份翻转测试", "i": i})
	}
	var buf bytes.Buffer
	if err := v.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	dir := v.Dir()
	v.Close()
	live, _ := os.ReadFile(Path(dir))
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	for trial := 0; trial < 50; trial++ {
		bad := append([]byte(nil), good...)
		off := rng.IntN(len(bad))
		bad[off] ^= byte(1 + rng.IntN(255))
		p := filepath.Join(t.TempDir(), "b")
		os.WriteFile(p, bad, 0o600)
		_, err := Restore(dir, p, testPass, testOpts())
		if !errors.Is(err, ErrBadBackup) && !errors.Is(err, ErrWrongPassphrase) {
			t.Fatalf("flip at %d of %d: restore gave %v", off, len(bad), err)
		}
	}
	if now, _ := os.ReadFile(Path(dir)); !bytes.Equal(now, live) {
		t.Fatal("a refused restore changed the vault")
	}
}
