package store

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestCreateOpenRoundTrip(t *testing.T) {
	dir := t.TempDir()
	v, rk, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if len(strings.Split(string(rk), "-")) != 8 {
		t.Fatalf("recovery key %q is not 8 groups", rk)
	}
	r := put(t, v, "dossier", map[string]any{"title": "关于张喆违规收受礼金问题", "n": 3})
	v.Close()

	v, err = Open(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	got := get(t, v, "dossier", r.ID)
	if got.Schema != SchemaVersion || got.Rev != 1 || got.Machine != v.Machine() || got.Versions[v.Machine()] != 1 {
		t.Fatalf("envelope not stamped: %+v", got)
	}
	if !strings.Contains(string(got.Data), "张喆") {
		t.Fatalf("data lost: %s", got.Data)
	}
	mustCheck(t, v)
}

func TestCreateRefusesWeakAndExisting(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Create(dir, []byte("short"), testOpts()); !errors.Is(err, ErrWeakPassphrase) {
		t.Fatalf("short passphrase: %v", err)
	}
	weak := KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}
	if _, _, err := Create(dir, testPass, &Options{KDF: &weak}); !errors.Is(err, ErrWeakKDF) {
		t.Fatalf("weak kdf: %v", err)
	}
	v, _, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	if _, _, err := Create(dir, testPass, testOpts()); !errors.Is(err, ErrVaultExists) {
		t.Fatalf("second create: %v", err)
	}
}

func TestOpenMissingVault(t *testing.T) {
	if _, err := Open(t.TempDir(), testPass, testOpts()); !errors.Is(err, ErrNoVault) {
		t.Fatalf("got %v", err)
	}
}

func TestWrongPassphraseAuditedAndDelayed(t *testing.T) {
	dir := t.TempDir()
	v, _, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	var slept []time.Duration
	now := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	o := testOpts()
	o.Now = func() time.Time { return now }
	o.Sleep = func(d time.Duration) { slept = append(slept, d) }
	for i := 0; i < 6; i++ {
		_, err := Open(dir, []byte("wrong passphrase!"), o)
		if !errors.Is(err, ErrWrongPassphrase) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	// Attempts 4, 5 and 6 waited 1 s, 2 s, 4 s (the clock does not move).
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}
	if len(slept) != len(want) {
		t.Fatalf("slept %v, want %v", slept, want)
	}
	for i := range want {
		if slept[i] != want[i] {
			t.Fatalf("slept %v, want %v", slept, want)
		}
	}
	v, err = Open(dir, testPass, o)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	fails := 0
	v.View(func(tx *Tx) error {
		return tx.AuditEntries(func(e *AuditEntry) error {
			if e.Action == ActionUnlockFailed {
				fails++
			}
			return nil
		})
	})
	if fails != 6 {
		t.Fatalf("audit has %d failed unlocks, want 6", fails)
	}
	mustCheck(t, v)
	// The counter was reset: a wrong attempt now costs no wait.
	v.Close()
	slept = nil
	Open(dir, []byte("wrong again"), o)
	if len(slept) != 0 {
		t.Fatalf("counter not reset: slept %v", slept)
	}
}

func TestChangePassphraseAndRecoveryKey(t *testing.T) {
	dir := t.TempDir()
	v, rk, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	r := put(t, v, "dossier", map[string]any{"title": "函询材料"})
	newPass := []byte("一个新的口令 2026")
	if err := v.ChangePassphrase([]byte("not the old one"), newPass); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong old passphrase accepted: %v", err)
	}
	if err := v.ChangePassphrase(testPass, newPass); err != nil {
		t.Fatal(err)
	}
	v.Close()
	if _, err := Open(dir, testPass, testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase still opens: %v", err)
	}
	v, err = Open(dir, newPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	// The recovery key still works, typed in lower case without dashes.
	typed := RecoveryKey(strings.ToLower(strings.ReplaceAll(string(rk), "-", " ")))
	v, err = OpenWithRecovery(dir, typed, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, v, "dossier", r.ID); !strings.Contains(string(got.Data), "函询材料") {
		t.Fatal("record lost")
	}
	v.Close()
	if _, err := OpenWithRecovery(dir, "ABCD-EFGH", testOpts()); !errors.Is(err, ErrBadRecoveryKey) {
		t.Fatalf("malformed recovery key: %v", err)
	}
	other, _ := newRecoveryKey()
	if _, err := OpenWithRecovery(dir, other, testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong recovery key: %v", err)
	}
}

func TestClosedVaultRefusesWork(t *testing.T) {
	v := newVault(t)
	v.Close()
	if err := v.View(func(*Tx) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Fatalf("got %v", err)
	}
	if v.k != nil {
		t.Fatal("keys kept after Close")
	}
}

func TestVaultFilePermissions(t *testing.T) {
	v := newVault(t)
	st, err := os.Stat(Path(v.Dir()))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		t.Fatalf("vault file mode %v readable by others", st.Mode())
	}
}

func TestResetPassphraseWithRecoveryKey(t *testing.T) {
	dir := t.TempDir()
	v, rk, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	r := put(t, v, "dossier", map[string]any{"title": "忘记口令之前"})
	v.Close()
	if _, err := ResetPassphrase(dir, rk, []byte("short"), testOpts()); !errors.Is(err, ErrWeakPassphrase) {
		t.Fatalf("weak: %v", err)
	}
	other, _ := newRecoveryKey()
	if _, err := ResetPassphrase(dir, other, []byte("新口令足够长了吧"), testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong key: %v", err)
	}
	v, err = ResetPassphrase(dir, rk, []byte("新口令足够长了吧"), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	if _, err := Open(dir, testPass, testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatal("old passphrase still opens")
	}
	v, err = Open(dir, []byte("新口令足够长了吧"), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if got := get(t, v, "dossier", r.ID); !strings.Contains(string(got.Data), "忘记口令之前") {
		t.Fatal("record lost")
	}
	mustCheck(t, v)
}

// TestChangePassphraseWhileReading: a passphrase change replaces the header
// while other goroutines stamp records and read the machine id (run with
// -race).
func TestChangePassphraseWhileReading(t *testing.T) {
	v := newVault(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			_ = v.Machine()
			_ = v.Update(func(tx *Tx) error {
				return tx.Put(&Record{Type: "dossier", ID: NewID(), Data: []byte(`{"title":"并发"}`)})
			})
		}
	}()
	if err := v.ChangePassphrase(testPass, []byte("另一个口令 another one")); err != nil {
		t.Fatal(err)
	}
	<-done
}
