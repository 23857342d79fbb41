package store

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// TestByteFlipsAreReported flips one byte at a random offset of a closed vault,
// 100 times. Each time the program must not panic, and either Open or Check
// reports a problem, or every record still reads back exactly as written (the
// byte was in free space).
func TestByteFlipsAreReported(t *testing.T) {
	dir := t.TempDir()
	v, _, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i := 0; i < 40; i++ {
		r := put(t, v, "dossier", map[string]any{"title": "翻转测试" + strings.Repeat("案", i), "i": i})
		want[r.ID] = string(r.Data)
	}
	v.AddAttachment("scan.pdf", "", strings.NewReader(strings.Repeat("页", 100000)))
	v.Close()
	orig, err := os.ReadFile(Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	detected, silent := 0, 0
	for trial := 0; trial < 100; trial++ {
		off := rng.IntN(len(orig))
		bad := append([]byte(nil), orig...)
		bad[off] ^= byte(1 + rng.IntN(255))
		d := t.TempDir()
		os.WriteFile(Path(d), bad, 0o600)
		if flipReported(t, d, want) {
			detected++
		} else {
			silent++
		}
	}
	t.Logf("100 flips: %d reported, %d landed in unused space", detected, silent)
	if detected == 0 {
		t.Fatal("no flip was reported")
	}
}

// flipReported opens and checks a damaged copy; it fails the test if a flip
// went unreported yet changed what a record reads back.
func flipReported(t *testing.T, dir string, want map[string]string) bool {
	v, err := Open(dir, testPass, testOpts())
	if err != nil {
		return true
	}
	defer v.Close()
	if rep := v.Check(); !rep.OK() {
		return true
	}
	for id, data := range want {
		var got *Record
		err := v.View(func(tx *Tx) error { var e error; got, e = tx.Get("dossier", id); return e })
		if err != nil {
			t.Fatalf("check was clean but record %s fails: %v", id, err)
		}
		var a, b any
		json.Unmarshal([]byte(data), &a)
		json.Unmarshal(got.Data, &b)
		ab, _ := json.Marshal(a)
		bb, _ := json.Marshal(b)
		if !bytes.Equal(ab, bb) {
			t.Fatalf("check was clean but record %s changed", id)
		}
	}
	return false
}
