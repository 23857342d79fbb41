package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"qingfeng/internal/plainscan"
)

// TestPanicInUpdateIsInternal: a programming error inside an Update (here
// an index out of range, after a Put) is ErrInternal, not ErrCorrupt; the
// stack is appended to the internal-error log (mode 0600, no record data,
// not even the panic's own text, which quotes a marker); nothing of the
// transaction was kept; and the vault goes on working.
func TestPanicInUpdateIsInternal(t *testing.T) {
	v := newVault(t)
	marks := plainscan.Markers()
	put(t, v, "dossier", map[string]any{"title": marks[1]})
	before, err := v.RecordsDigest()
	if err != nil {
		t.Fatal(err)
	}
	audits := auditCount(t, v)
	start := time.Now()
	var empty []int
	err = v.Update(func(tx *Tx) error {
		if err := tx.Put(&Record{Type: "dossier", Data: []byte(`{"title":"` + marks[2] + `"}`)}); err != nil {
			return err
		}
		_ = empty[len(marks)] // index out of range: a bug, not damage
		return nil
	})
	if !errors.Is(err, ErrInternal) || errors.Is(err, ErrCorrupt) {
		t.Fatalf("Update: %v, want ErrInternal", err)
	}
	log := InternalLog(v.Dir())
	var ie *InternalError
	if !errors.As(err, &ie) || ie.Log != log || !strings.Contains(err.Error(), log) {
		t.Errorf("error %q does not name the log %s", err, log)
	}
	b := readLog(t, log)
	for _, want := range []string{"qingfeng internal error", "runtime.boundsError", "index out of range", "panics_test.go"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("log lacks %q:\n%s", want, b)
		}
	}
	if after, _ := v.RecordsDigest(); !bytes.Equal(before, after) || auditCount(t, v) != audits {
		t.Error("the failed transaction left records or audit entries")
	}
	err = v.View(func(*Tx) error { panic("no text of " + marks[0] + " may reach the disk") })
	if !errors.Is(err, ErrInternal) || !strings.Contains(err.Error(), marks[0]) {
		t.Fatalf("View: %v, want ErrInternal quoting the panic to the caller", err)
	}
	if b := readLog(t, log); bytes.Count(b, []byte("qingfeng internal error")) != 2 || !bytes.Contains(b, []byte("message not logged")) {
		t.Errorf("second panic not appended as a type only:\n%s", b)
	}
	if _, hits, err := plainscan.Scan([]string{v.Dir()}, start, marks); err != nil || len(hits) > 0 {
		t.Errorf("plaintext on disk: %v %v", hits, err)
	}
	put(t, v, "dossier", map[string]any{"title": "之后照常使用"})
}

// TestNilPointerInViewIsInternal: a nil dereference in the program's own
// code is a bug even though SetPanicOnFault is on during the transaction.
func TestNilPointerInViewIsInternal(t *testing.T) {
	v := newVault(t)
	var r *Record
	err := v.View(func(*Tx) error { _ = r.ID; return nil })
	if !errors.Is(err, ErrInternal) {
		t.Fatalf("View: %v, want ErrInternal", err)
	}
	if b := readLog(t, InternalLog(v.Dir())); !bytes.Contains(b, []byte("nil pointer")) {
		t.Errorf("log:\n%s", b)
	}
}

// TestPanicInsideBboltIsCorrupt: a panic raised inside bbolt is the file's
// fault and stays ErrCorrupt, with no internal-error log. Here bbolt trips
// over a nil bucket, as it does over a missing one in a damaged file.
func TestPanicInsideBboltIsCorrupt(t *testing.T) {
	v := newVault(t)
	err := v.View(func(tx *Tx) error {
		tx.btx.Bucket([]byte("no such bucket")).Get([]byte("k"))
		return nil
	})
	if !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrInternal) {
		t.Fatalf("View: %v, want ErrCorrupt", err)
	}
	if _, err := os.Stat(InternalLog(v.Dir())); !os.IsNotExist(err) {
		t.Errorf("damage was logged as an internal error: %v", err)
	}
}

// TestDamagedPageIsCorrupt: the records bucket's root page claims another
// page id; bbolt's own assertion panics on it, and the read is ErrCorrupt.
func TestDamagedPageIsCorrupt(t *testing.T) {
	dir, id := closedVault(t)
	var root uint64
	size := withBolt(t, dir, func(tx *bolt.Tx) { root = uint64(tx.Bucket(bucketRec).Root()) })
	if root == 0 {
		t.Fatal("the records bucket is inline")
	}
	damage(t, dir, func(b []byte) {
		binary.LittleEndian.PutUint64(b[root*uint64(size):], root+1000)
	})
	err := readBack(dir, id)
	if !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrInternal) || !strings.Contains(err.Error(), "assertion failed") {
		t.Fatalf("read: %v, want ErrCorrupt from bbolt's page assertion", err)
	}
	if _, err := os.Stat(InternalLog(dir)); !os.IsNotExist(err) {
		t.Errorf("damage was logged as an internal error: %v", err)
	}
}

// TestFlippedRecordByteIsCorrupt: one flipped byte inside a sealed record
// fails authentication: ErrCorrupt, never ErrInternal.
func TestFlippedRecordByteIsCorrupt(t *testing.T) {
	dir, id := closedVault(t)
	var sealed []byte
	withBolt(t, dir, func(tx *bolt.Tx) { sealed = bytes.Clone(tx.Bucket(bucketRec).Get(recKey("dossier", id))) })
	damage(t, dir, func(b []byte) {
		i := bytes.Index(b, sealed)
		if i < 0 || bytes.Index(b[i+1:], sealed) >= 0 {
			t.Fatal("the sealed record is not once in the file")
		}
		b[i+len(sealed)/2] ^= 0x40
	})
	err := readBack(dir, id)
	if !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrInternal) {
		t.Fatalf("read: %v, want ErrCorrupt", err)
	}
}

// closedVault makes a vault with 30 dossiers, closes it and returns the
// last one's id.
func closedVault(t *testing.T) (dir, id string) {
	dir = t.TempDir()
	v, _, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 30; i++ { // enough for the records to leave the inline bucket
		id = put(t, v, "dossier", map[string]any{"title": "待损坏的记录" + strings.Repeat("案", 50), "i": i}).ID
	}
	v.Close()
	return dir, id
}

// withBolt runs fn over the closed vault file's bbolt database, read-only,
// and returns its page size.
func withBolt(t *testing.T, dir string, fn func(*bolt.Tx)) int {
	db, err := bolt.Open(Path(dir), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error { fn(tx); return nil })
	return db.Info().PageSize
}

// damage edits the closed vault file's bytes in place.
func damage(t *testing.T, dir string, edit func([]byte)) {
	b, err := os.ReadFile(Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	edit(b)
	if err := os.WriteFile(Path(dir), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// readBack opens the vault and reads the record: the first error.
func readBack(dir, id string) error {
	v, err := Open(dir, testPass, testOpts())
	if err != nil {
		return err
	}
	defer v.Close()
	return v.View(func(tx *Tx) error { _, err := tx.Get("dossier", id); return err })
}

func readLog(t *testing.T, path string) []byte {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no internal-error log: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	return b
}

func auditCount(t *testing.T, v *Vault) int {
	n := 0
	if err := v.View(func(tx *Tx) error {
		return tx.AuditEntries(func(*AuditEntry) error { n++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return n
}
