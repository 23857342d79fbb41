package bundle

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// fileEntry is an attachment entry read from a real file, as the vault will
// stream one, with its hash given.
func fileEntry(tb testing.TB, path string) Entry {
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return Entry{
		Path: AttachmentPath(sum), Size: int64(len(data)), SHA256: sum,
		Open: func() (io.Reader, error) { return os.Open(path) },
	}
}

// benchFile writes n pseudo-random bytes to a file in dir.
func benchFile(tb testing.TB, dir string, n int) string {
	path := filepath.Join(dir, "attachment.bin")
	if err := os.WriteFile(path, pseudoRandom(n, 42), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

const benchSize = 64 << 20

// BenchmarkWriteFile64MB: WriteFile of one 64 MiB attachment, read-back
// verification included (bytes/s are attachment bytes).
func BenchmarkWriteFile64MB(b *testing.B) {
	alice, bob := newParty(b, "甲"), newParty(b, "乙")
	dir := b.TempDir()
	e := fileEntry(b, benchFile(b, dir, benchSize))
	out := filepath.Join(dir, "out.qfb")
	b.SetBytes(benchSize)
	b.ResetTimer()
	for range b.N {
		if _, err := WriteFile(out, []Entry{e}, sendOptions(alice, bob.contact)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite64MB: Write alone (no read-back) to a file.
func BenchmarkWrite64MB(b *testing.B) {
	alice, bob := newParty(b, "甲"), newParty(b, "乙")
	dir := b.TempDir()
	e := fileEntry(b, benchFile(b, dir, benchSize))
	b.SetBytes(benchSize)
	b.ResetTimer()
	for range b.N {
		f, err := os.Create(filepath.Join(dir, "out.qfb"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Write(f, []Entry{e}, sendOptions(alice, bob.contact)); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkVerify64MB: Open and Verify of a bundle with a 64 MiB attachment.
func BenchmarkVerify64MB(b *testing.B) {
	alice, bob := newParty(b, "甲"), newParty(b, "乙")
	dir := b.TempDir()
	e := fileEntry(b, benchFile(b, dir, benchSize))
	out := filepath.Join(dir, "out.qfb")
	if _, err := WriteFile(out, []Entry{e}, sendOptions(alice, bob.contact)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchSize)
	b.ResetTimer()
	for range b.N {
		rc, err := OpenFile(out, ReadOptions{Identity: bob.id, Contacts: []Contact{alice.contact}})
		if err != nil {
			b.Fatal(err)
		}
		if err := rc.Verify(); err != nil {
			b.Fatal(err)
		}
		rc.Close()
	}
}
